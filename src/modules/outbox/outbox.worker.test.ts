import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { jobsOf } from '../../../test/support/outbox-jobs.ts';
import { type DatabaseHandle, openDatabase } from '../../db/client.ts';
import { enqueue } from './enqueue.ts';
import { getMessage, pendingCount } from './outbox.repo.ts';
import { createOutboxWorker, defaultBackoff, type OutboxWorkerOptions } from './outbox.worker.ts';

const CRASH_CHILD = fileURLToPath(new URL('../../../test/support/outbox-crash-child.ts', import.meta.url));

function captureLogs() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { logger, lines };
}

/** A clock the test moves by hand, starting ahead of the database's now() so new rows are due. */
function manualClock() {
  let now = new Date(Date.now() + 1000);
  return {
    clock: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('outbox worker', () => {
  const handlePromise = createTestDatabase();
  const extra: DatabaseHandle[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const h of extra) await h.close();
    await (await handlePromise).close();
  });
  beforeEach(async () => {
    await (await handlePromise).db.execute(sql`delete from outbox`);
  });

  async function worker(options: Partial<OutboxWorkerOptions> & Pick<OutboxWorkerOptions, 'jobs'>) {
    const { db } = await handlePromise;
    return createOutboxWorker({ db, logger: pino({ level: 'silent' }), ...options });
  }

  it('delivers nothing that was enqueued in a rolled-back transaction', async () => {
    const { db } = await handlePromise;
    const delivered: unknown[] = [];
    const w = await worker({
      jobs: jobsOf({ email: async (p) => void delivered.push(p) }),
      ...manualClock(),
    });
    await db
      .transaction(async (tx) => {
        await enqueue(tx, { kind: 'email', payload: { to: 'a@example.com' } });
        tx.rollback();
      })
      .catch(() => {});
    const committed = await db.transaction((tx) =>
      enqueue(tx, { kind: 'email', payload: { to: 'b@example.com' } }),
    );
    expect(await w.runOnce()).toBe(1);
    expect(delivered).toEqual([{ to: 'b@example.com' }]);
    expect(await getMessage(db, committed)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('delivers each message exactly once when two workers race', async () => {
    const handle = await handlePromise;
    const other = handle.url ? await openDatabase({ databaseUrl: handle.url, dataDir: '' }) : handle;
    if (other !== handle) extra.push(other);
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push(await enqueue(handle.db, { kind: 'race', payload: i }));
    const seen: number[] = [];
    const jobs = jobsOf({
      race: async (_p, ctx) => {
        await sleep(Math.random() * 5);
        seen.push(ctx.id);
      },
    });
    const w1 = await worker({ jobs, batchSize: 7, workerId: 'one' });
    const w2 = createOutboxWorker({
      db: other.db,
      logger: pino({ level: 'silent' }),
      jobs,
      batchSize: 7,
    });
    const drain = async (w: typeof w1) => {
      let total = 0;
      for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) total += n;
      return total;
    };
    const [a, b] = await Promise.all([drain(w1), drain(w2)]);
    expect(a + b).toBe(50);
    expect([...seen].sort((x, y) => x - y)).toEqual(ids);
    expect(await pendingCount(handle.db)).toBe(0);
  });

  it('retries after the backoff when a handler throws', async () => {
    const { db } = await handlePromise;
    const time = manualClock();
    const attempts: number[] = [];
    const w = await worker({
      ...time,
      backoff: (attempt) => attempt * 10_000,
      jobs: jobsOf({
        flaky: async (_p, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt < 3) throw new Error(`try ${ctx.attempt} failed`);
        },
      }),
    });
    const id = await enqueue(db, { kind: 'flaky', tenantId: 3, payload: {} });
    expect(await w.runOnce()).toBe(1);
    const failed = await getMessage(db, id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: try 1 failed' });
    expect(failed?.nextAttemptAt.getTime()).toBe(time.clock().getTime() + 10_000);
    time.advance(9_999);
    expect(await w.runOnce()).toBe(0);
    time.advance(1);
    expect(await w.runOnce()).toBe(1);
    time.advance(20_000);
    expect(await w.runOnce()).toBe(1);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await getMessage(db, id)).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
  });

  it('gives up after maxAttempts, logging at error level', async () => {
    const { db } = await handlePromise;
    const { logger, lines } = captureLogs();
    const time = manualClock();
    const w = createOutboxWorker({
      db,
      logger,
      ...time,
      maxAttempts: 3,
      backoff: () => 1000,
      jobs: jobsOf({ doomed: async () => Promise.reject(new Error('smtp down')) }),
    });
    const id = await enqueue(db, { kind: 'doomed', payload: { secret: 'never logged' } });
    for (let i = 0; i < 3; i++) {
      expect(await w.runOnce()).toBe(1);
      time.advance(1000);
    }
    expect(await w.runOnce()).toBe(0);
    expect(await getMessage(db, id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'Error: smtp down',
    });
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ outboxId: id, kind: 'doomed', attempt: 3, error: 'Error: smtp down' });
    expect(JSON.stringify(lines)).not.toContain('never logged');
  });

  it('honours retryAfterMs, and gives up at once on a permanent error', async () => {
    const { db } = await handlePromise;
    const time = manualClock();
    const w = await worker({
      ...time,
      backoff: () => 5_000,
      jobs: jobsOf({
        limited: async () => Promise.reject(Object.assign(new Error('429'), { retryAfterMs: 120_000 })),
        invalid: async () => Promise.reject(Object.assign(new Error('bad payload'), { permanent: true })),
      }),
    });
    const limited = await enqueue(db, { kind: 'limited', payload: {} });
    const invalid = await enqueue(db, { kind: 'invalid', payload: {} });
    expect(await w.runOnce()).toBe(2);
    const row = await getMessage(db, limited);
    expect(row?.nextAttemptAt.getTime()).toBe(time.clock().getTime() + 120_000);
    expect(await getMessage(db, invalid)).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('retries an unknown kind, so a later deploy can add its handler', async () => {
    const { db } = await handlePromise;
    const time = manualClock();
    const before = await worker({ ...time, backoff: () => 30_000, jobs: jobsOf({}) });
    const id = await enqueue(db, { kind: 'sms', payload: { to: '+100' } });
    expect(await before.runOnce()).toBe(1);
    expect(await getMessage(db, id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'UnknownKindError: No outbox handler for kind "sms"',
    });
    const sent: unknown[] = [];
    const after = await worker({ ...time, jobs: jobsOf({ sms: async (p) => void sent.push(p) }) });
    time.advance(30_000);
    expect(await after.runOnce()).toBe(1);
    expect(sent).toEqual([{ to: '+100' }]);
  });

  it('stop() waits for an in-flight delivery; wake() runs a pass before the poll tick', async () => {
    const { db } = await handlePromise;
    const gate = deferred();
    const started: number[] = [];
    const w = await worker({
      pollMs: 60_000,
      jobs: jobsOf({
        slow: async (_p, ctx) => {
          started.push(ctx.id);
          await gate.promise;
        },
      }),
    });
    w.start();
    const id = await enqueue(db, { kind: 'slow', payload: {} });
    w.wake();
    await vi.waitFor(() => expect(started).toEqual([id]), { timeout: 5000 });
    let stopped = false;
    const stopping = w.stop().then(() => {
      stopped = true;
    });
    await sleep(50);
    expect(stopped).toBe(false);
    expect(await getMessage(db, id)).toMatchObject({ status: 'pending' });
    gate.resolve();
    await stopping;
    expect(await getMessage(db, id)).toMatchObject({ status: 'delivered' });
    // Stopped means stopped: neither the poll nor wake() claims anything more.
    await enqueue(db, { kind: 'slow', payload: {} });
    w.wake();
    await sleep(50);
    expect(await pendingCount(db)).toBe(1);
  });

  it('redelivers after the lease lapses when a worker is abandoned mid-delivery (in process)', async () => {
    const { db } = await handlePromise;
    const time = manualClock();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueue(db, { kind: 'crash', payload: i }));
    const blocked: number[] = [];
    // Never stopped and its handler never settles: as good as killed.
    const doomed = await worker({
      ...time,
      leaseMs: 500,
      jobs: jobsOf({ crash: (_p, ctx) => new Promise(() => void blocked.push(ctx.id)) }),
    });
    void doomed.runOnce();
    await vi.waitFor(() => expect(blocked).toHaveLength(5));
    const delivered: number[] = [];
    const fresh = await worker({
      ...time,
      leaseMs: 500,
      jobs: jobsOf({ crash: async (_p, c) => void delivered.push(c.id) }),
    });
    expect(await fresh.runOnce()).toBe(0);
    time.advance(501);
    expect(await fresh.runOnce()).toBe(5);
    expect(delivered).toEqual(ids);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'a worker process killed mid-delivery, restarted, delivers exactly what was pending',
    async () => {
      const handle = await handlePromise;
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) ids.push(await enqueue(handle.db, { kind: 'crash', payload: { n: i } }));
      const child = spawn(process.execPath, [CRASH_CHILD, handle.url!, '500', '20'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => {
        stdout += d;
      });
      child.stderr!.on('data', (d) => {
        stderr += d;
      });
      const blockedIds = () => [...stdout.matchAll(/blocked (\d+)/g)].map((m) => Number(m[1]));
      await vi.waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
          expect(blockedIds()).toHaveLength(ids.length);
        },
        { timeout: 15_000, interval: 20 },
      );
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      expect(blockedIds().sort((a, b) => a - b)).toEqual(ids);
      for (const id of ids) {
        expect(await getMessage(handle.db, id)).toMatchObject({
          status: 'pending',
          attempts: 0,
          lockedBy: `crash-child-${child.pid}`,
        });
      }

      const delivered: number[] = [];
      const restarted = await worker({
        leaseMs: 500,
        jobs: jobsOf({ crash: async (_p, ctx) => void delivered.push(ctx.id) }),
      });
      await vi.waitFor(
        async () => {
          await restarted.runOnce();
          expect(delivered.length).toBeGreaterThanOrEqual(ids.length);
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(delivered.sort((a, b) => a - b)).toEqual(ids);
      for (const id of ids)
        expect(await getMessage(handle.db, id)).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(await restarted.runOnce()).toBe(0);
    },
  );

  it('backs off exponentially with jitter, capped at 6 hours', () => {
    const middle = Array.from({ length: 11 }, (_, i) => defaultBackoff(i + 1, () => 0.5));
    expect(middle).toEqual([
      5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000, 21_600_000,
      21_600_000,
    ]);
    expect(defaultBackoff(1, () => 0)).toBe(4_000);
    expect(defaultBackoff(1, () => 1)).toBe(6_000);
  });
});
