import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/db.ts';
import { enqueueJob } from './enqueue.ts';
import { defineJob } from './job-definition.ts';
import { createJobRegistry, registerJob } from './job-registry.ts';
import { getMessage } from './outbox.repo.ts';
import { createOutboxWorker } from './outbox.worker.ts';

const greetJob = defineJob({
  kind: 'greet',
  payload: z.object({ name: z.string().trim() }),
  handle: async (payload, ctx, seen: Array<{ name: string; tenantId: number | null }>) => {
    seen.push({ name: payload.name, tenantId: ctx.tenantId });
  },
  backoff: () => 42_000,
  maxAttempts: 2,
});

function captureLogs() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { logger, lines };
}

describe('typed outbox jobs', () => {
  const handlePromise = createTestDatabase();
  afterAll(async () => (await handlePromise).close());
  beforeEach(async () => {
    await (await handlePromise).db.execute(sql`delete from outbox`);
  });
  // Ahead of the database's now() so new rows are due.
  const clock = () => new Date(Date.now() + 1000);

  it('hands the handler the parsed payload, the context and its deps', async () => {
    const { db } = await handlePromise;
    const seen: Array<{ name: string; tenantId: number | null }> = [];
    const w = createOutboxWorker({
      db,
      logger: pino({ level: 'silent' }),
      clock,
      jobs: createJobRegistry([registerJob(greetJob, seen)]),
    });
    const id = await enqueueJob(db, greetJob, { name: '  Ada ' }, { tenantId: null });
    expect(await getMessage(db, id)).toMatchObject({ kind: 'greet', payload: { name: '  Ada ' } });
    expect(await w.runOnce()).toBe(1);
    expect(seen).toEqual([{ name: 'Ada', tenantId: null }]);
    expect(await getMessage(db, id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('a payload its schema refuses is dead at once, and logged', async () => {
    const { db } = await handlePromise;
    const seen: Array<{ name: string; tenantId: number | null }> = [];
    const { logger, lines } = captureLogs();
    const w = createOutboxWorker({
      db,
      logger,
      clock,
      jobs: createJobRegistry([registerJob(greetJob, seen)]),
    });
    const id = await enqueueJob(db, greetJob, { name: 7 } as never);
    expect(await w.runOnce()).toBe(1);
    expect(seen).toEqual([]);
    const row = await getMessage(db, id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toMatch(/^InvalidJobPayloadError: Invalid payload for outbox job "greet"/);
    expect(lines.filter((l) => l.level === 50)).toMatchObject([
      { msg: 'outbox: message is dead, giving up', outboxId: id, kind: 'greet' },
    ]);
  });

  it("uses the job's own retry schedule", async () => {
    const { db } = await handlePromise;
    let now = clock();
    const failing = defineJob({ ...greetJob, handle: async () => Promise.reject(new Error('down')) });
    const w = createOutboxWorker({
      db,
      logger: pino({ level: 'silent' }),
      clock: () => now,
      jobs: createJobRegistry([registerJob(failing, undefined)]),
    });
    const id = await enqueueJob(db, failing, { name: 'Ada' });
    expect(await w.runOnce()).toBe(1);
    const first = await getMessage(db, id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first?.nextAttemptAt.getTime()).toBe(now.getTime() + 42_000);
    now = new Date(now.getTime() + 42_000);
    expect(await w.runOnce()).toBe(1);
    expect(await getMessage(db, id)).toMatchObject({ status: 'dead', attempts: 2 });
  });

  it('refuses a kind registered twice', () => {
    expect(() => createJobRegistry([registerJob(greetJob, []), registerJob(greetJob, [])])).toThrow(
      'Outbox job kind "greet" is registered twice',
    );
  });
});
