import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { jobsOf } from '../../../test/support/outbox-jobs.ts';
import { type DatabaseHandle, openDatabase, queryRows } from '../../db/client.ts';
import { enqueue } from './enqueue.ts';
import { getMessage } from './outbox.repo.ts';
import { createOutboxWorker } from './outbox.worker.ts';
import { WAKE_APPLICATION_NAME, wakeSourceFor } from './outbox-wake.ts';

const silent = pino({ level: 'silent' });

describe('outbox wake on commit and per-kind schedules', () => {
  const handlePromise = createTestDatabase();
  const extra: DatabaseHandle[] = [];
  afterAll(async () => {
    for (const h of extra) await h.close();
    await (await handlePromise).close();
  });
  beforeEach(async () => {
    await (await handlePromise).db.execute(sql`delete from outbox`);
  });

  /** Another instance's connection on PostgreSQL; on PGlite the one database there is. */
  async function writer(): Promise<DatabaseHandle> {
    const handle = await handlePromise;
    if (!handle.url) return handle;
    const other = await openDatabase({ databaseUrl: handle.url, dataDir: '', poolSize: 2 });
    extra.push(other);
    return other;
  }

  it('a commit on any connection wakes the worker long before its poll', async () => {
    const handle = await handlePromise;
    const delivered: number[] = [];
    const jobs = jobsOf({ k: async (_p, ctx) => void delivered.push(ctx.id) });
    const worker = createOutboxWorker({
      db: handle.db,
      logger: silent,
      jobs,
      pollMs: 60_000,
      wakeSource: wakeSourceFor(handle, silent),
    });
    worker.start();
    try {
      // The first pass runs at start; wait until the listener is up before measuring.
      await new Promise((r) => setTimeout(r, 300));
      const other = await writer();
      await other.db
        .transaction(async (tx) => {
          await enqueue(tx, { kind: 'k', payload: 'rolled back' });
          tx.rollback();
        })
        .catch(() => {});
      const id = await other.db.transaction((tx) => enqueue(tx, { kind: 'k', payload: 1 }));
      const committed = performance.now();
      await vi.waitFor(() => expect(delivered).toEqual([id]), { timeout: 2000, interval: 2 });
      expect(performance.now() - committed).toBeLessThan(1000);
    } finally {
      await worker.stop();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('the listener reconnects after its connection is killed', async () => {
    const handle = await handlePromise;
    const delivered: number[] = [];
    const worker = createOutboxWorker({
      db: handle.db,
      logger: silent,
      jobs: jobsOf({ k: async (_p, ctx) => void delivered.push(ctx.id) }),
      pollMs: 60_000,
      wakeSource: wakeSourceFor(handle, silent),
    });
    worker.start();
    const listeners = () =>
      queryRows<{ pid: number }>(
        handle.db,
        sql`select pid from pg_stat_activity
            where application_name = ${WAKE_APPLICATION_NAME} and datname = current_database()`,
      );
    try {
      await vi.waitFor(async () => expect(await listeners()).toHaveLength(1), { timeout: 5000 });
      const [before] = await listeners();
      await handle.db.execute(sql`select pg_terminate_backend(${before!.pid})`);
      // A message committed while nobody listens is picked up when the listener is back.
      const missed = await enqueue(handle.db, { kind: 'k', payload: 'while down' });
      await vi.waitFor(
        async () => {
          const now = await listeners();
          expect(now).toHaveLength(1);
          expect(now[0]!.pid).not.toBe(before!.pid);
        },
        { timeout: 5000 },
      );
      await vi.waitFor(() => expect(delivered).toContain(missed), { timeout: 2000 });
      const id = await (await writer()).db.transaction((tx) => enqueue(tx, { kind: 'k', payload: 2 }));
      await vi.waitFor(() => expect(delivered).toContain(id), { timeout: 1000, interval: 2 });
    } finally {
      await worker.stop();
    }
    // Stopped: the listening connection is closed.
    await vi.waitFor(async () => expect(await listeners()).toEqual([]), { timeout: 5000 });
  });

  it('one slow delivery holds up only its own batch; the loop claims the next ones meanwhile', async () => {
    const { db } = await handlePromise;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const delivered: unknown[] = [];
    const worker = createOutboxWorker({
      db,
      logger: silent,
      batchSize: 2,
      concurrency: 2,
      pollMs: 60_000,
      jobs: jobsOf({
        k: async (payload) => {
          if (payload === 'slow') await gate;
          delivered.push(payload);
        },
      }),
    });
    await enqueue(db, { kind: 'k', payload: 'slow' });
    for (let i = 1; i <= 5; i++) await enqueue(db, { kind: 'k', payload: i });
    worker.start();
    try {
      await vi.waitFor(() => expect([...delivered].sort()).toEqual([1, 2, 3, 4, 5]), { timeout: 5000 });
      release();
      await vi.waitFor(() => expect(delivered).toContain('slow'), { timeout: 5000 });
    } finally {
      release();
      await worker.stop();
    }
  });

  it('uses a kind’s own backoff and attempt limit, and the defaults for other kinds', async () => {
    const { db } = await handlePromise;
    let now = new Date(Date.now() + 1000);
    const worker = createOutboxWorker({
      db,
      logger: silent,
      clock: () => now,
      maxAttempts: 5,
      backoff: () => 1000,
      jobs: jobsOf({
        special: {
          handle: async () => Promise.reject(new Error('down')),
          backoff: (attempt) => attempt * 60_000,
          maxAttempts: 2,
        },
        plain: async () => Promise.reject(new Error('down')),
      }),
    });
    const special = await enqueue(db, { kind: 'special', payload: {} });
    const plain = await enqueue(db, { kind: 'plain', payload: {} });
    expect(await worker.runOnce()).toBe(2);
    const start = now.getTime();
    expect((await getMessage(db, special))!.nextAttemptAt.getTime()).toBe(start + 60_000);
    expect((await getMessage(db, plain))!.nextAttemptAt.getTime()).toBe(start + 1000);
    now = new Date(start + 60_000);
    expect(await worker.runOnce()).toBe(2);
    expect(await getMessage(db, special)).toMatchObject({ status: 'dead', attempts: 2 });
    expect(await getMessage(db, plain)).toMatchObject({ status: 'pending', attempts: 2 });
  });
});
