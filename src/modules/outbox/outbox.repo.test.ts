import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { type DatabaseHandle, openDatabase, queryRows } from '../../db/client.ts';
import { enqueue } from './enqueue.ts';
import {
  claimDue,
  deleteDelivered,
  getMessage,
  markDelivered,
  markFailed,
  pendingCount,
  stats,
} from './outbox.repo.ts';
import { pruneDeliveredOutbox } from './outbox-retention.ts';

describe('outbox repo', () => {
  const handlePromise = createTestDatabase();
  const extra: DatabaseHandle[] = [];
  afterAll(async () => {
    for (const h of extra) await h.close();
    await (await handlePromise).close();
  });
  beforeEach(async () => {
    await (await handlePromise).db.execute(sql`delete from outbox`);
  });
  // Ahead of the database clock, so rows enqueued with the default now() are due.
  const soon = () => new Date(Date.now() + 1000);

  it('enqueues inside a transaction that commits, and not one that rolls back', async () => {
    const { db } = await handlePromise;
    const id = await db.transaction((tx) =>
      enqueue(tx, { kind: 'email', tenantId: null, payload: { a: 1 } }),
    );
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, { kind: 'email', payload: { b: 2 } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await pendingCount(db)).toBe(1);
    const row = await getMessage(db, id);
    expect(row).toMatchObject({ id, kind: 'email', payload: { a: 1 }, status: 'pending', attempts: 0 });
    expect(row?.lockedBy).toBeNull();
  });

  it('claims only due, unleased rows, in id order, and leases them', async () => {
    const { db } = await handlePromise;
    const now = soon();
    const a = await enqueue(db, { kind: 'k', payload: 1 });
    const b = await enqueue(db, { kind: 'k', tenantId: 7, payload: 2 });
    await enqueue(db, { kind: 'k', payload: 3, runAt: new Date(now.getTime() + 60_000) });
    const claimed = await claimDue(db, { workerId: 'w1', limit: 10, leaseMs: 30_000, now });
    expect(claimed.map((m) => m.id)).toEqual([a, b]);
    expect(claimed[1]).toMatchObject({ tenantId: 7, payload: 2, lockedBy: 'w1' });
    expect(claimed[0]?.lockedUntil?.getTime()).toBe(now.getTime() + 30_000);
    // Leased rows are invisible to others until the lease lapses.
    expect(await claimDue(db, { workerId: 'w2', limit: 10, leaseMs: 30_000, now })).toEqual([]);
    const later = new Date(now.getTime() + 30_001);
    const reclaimed = await claimDue(db, { workerId: 'w2', limit: 1, leaseMs: 30_000, now: later });
    expect(reclaimed.map((m) => [m.id, m.lockedBy])).toEqual([[a, 'w2']]);
    expect(await stats(db, later)).toMatchObject({ pending: 3, due: 1, inFlight: 1, dead: 0 });
  });

  it('never hands one row to two concurrent claimers', async () => {
    const handle = await handlePromise;
    // On PostgreSQL a second pool is a second instance; PGlite has only the one connection.
    const other = handle.url ? await openDatabase({ databaseUrl: handle.url, dataDir: '' }) : handle;
    if (other !== handle) extra.push(other);
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await enqueue(handle.db, { kind: 'k', payload: i }));
    const now = soon();
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        claimDue((i % 2 ? other : handle).db, { workerId: `w${i}`, limit: 4, leaseMs: 60_000, now }),
      ),
    );
    const first = claims.flat().map((m) => m.id);
    expect(new Set(first).size).toBe(first.length);
    const rest = await claimDue(handle.db, { workerId: 'last', limit: 100, leaseMs: 60_000, now });
    expect([...first, ...rest.map((m) => m.id)].sort((x, y) => x - y)).toEqual(ids);
  });

  it('records results only for the current lease holder', async () => {
    const { db } = await handlePromise;
    const now = soon();
    const id = await enqueue(db, { kind: 'k', payload: null });
    await claimDue(db, { workerId: 'old', limit: 1, leaseMs: 1000, now });
    await claimDue(db, { workerId: 'new', limit: 1, leaseMs: 1000, now: new Date(now.getTime() + 2000) });
    expect(await markDelivered(db, id, 'old', now)).toBe(false);
    expect(await markFailed(db, id, 'old', { error: 'x', nextAttemptAt: null })).toBe(false);
    expect(await getMessage(db, id)).toMatchObject({ status: 'pending', attempts: 0, lockedBy: 'new' });

    const retryAt = new Date(now.getTime() + 60_000);
    expect(await markFailed(db, id, 'new', { error: 'boom'.repeat(1000), nextAttemptAt: retryAt })).toBe(
      true,
    );
    const failed = await getMessage(db, id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lockedBy: null, lockedUntil: null });
    expect(failed?.nextAttemptAt.getTime()).toBe(retryAt.getTime());
    expect(failed?.lastError).toHaveLength(2000);

    await claimDue(db, { workerId: 'new', limit: 1, leaseMs: 1000, now: retryAt });
    expect(await markDelivered(db, id, 'new', retryAt)).toBe(true);
    const done = await getMessage(db, id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect(done?.deliveredAt?.getTime()).toBe(retryAt.getTime());
    // Recording twice is refused: the row is no longer pending.
    expect(await markDelivered(db, id, 'new', retryAt)).toBe(false);
  });

  it('marks dead when there is no next attempt, and purges old delivered rows', async () => {
    const { db } = await handlePromise;
    const now = soon();
    const dead = await enqueue(db, { kind: 'k', payload: 1 });
    const done = await enqueue(db, { kind: 'k', payload: 2 });
    await claimDue(db, { workerId: 'w', limit: 2, leaseMs: 1000, now });
    await markFailed(db, dead, 'w', { error: 'gone', nextAttemptAt: null });
    await markDelivered(db, done, 'w', now);
    expect(await getMessage(db, dead)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'gone' });
    expect(await stats(db, now)).toMatchObject({ pending: 0, dead: 1 });
    expect(
      await claimDue(db, { workerId: 'w', limit: 2, leaseMs: 1000, now: new Date(now.getTime() + 1e9) }),
    ).toEqual([]);
    expect(await deleteDelivered(db, now)).toBe(0);
    expect(await deleteDelivered(db, new Date(now.getTime() + 1))).toBe(1);
    expect(await getMessage(db, done)).toBeUndefined();
  });

  it('prunes delivered rows past the retention in batches, with their webhook attempts; keeps the rest', async () => {
    const { db } = await handlePromise;
    const now = soon();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await enqueue(db, { kind: 'webhook', payload: i }));
    await claimDue(db, { workerId: 'w', limit: 7, leaseMs: 1000, now });
    const old = new Date(now.getTime() - 31 * 24 * 3600 * 1000);
    for (const id of ids.slice(0, 5)) await markDelivered(db, id, 'w', old);
    await markDelivered(db, ids[5]!, 'w', now);
    await markFailed(db, ids[6]!, 'w', { error: 'gone', nextAttemptAt: null });
    const [created] = await queryRows<{ id: number }>(
      db,
      sql`insert into tenants (name, slug) values ('Prune', ${`prune-${Date.now()}`}) returning id`,
    );
    const tenantId = Number(created!.id);
    for (const id of [ids[0]!, ids[5]!]) {
      await db.execute(sql`insert into webhook_deliveries (tenant_id, outbox_id, webhook_id, event, url, attempt, status_code)
        values (${tenantId}, ${id}, ${`msg_${id}`}, 'BOOKING_CREATED', 'https://example.test/hook', 1, 200)`);
    }
    expect(await deleteDelivered(db, now, 2)).toBe(2);
    expect(await pruneDeliveredOutbox(db, now, 30)).toBe(3);
    expect(await getMessage(db, ids[5]!)).toMatchObject({ status: 'delivered' });
    expect(await getMessage(db, ids[6]!)).toMatchObject({ status: 'dead' });
    const left = await queryRows<{ outbox_id: number }>(
      db,
      sql`select outbox_id from webhook_deliveries where outbox_id in (${sql.join(ids, sql`, `)})`,
    );
    expect(left.map((r) => Number(r.outbox_id))).toEqual([ids[5]]);
  });
});
