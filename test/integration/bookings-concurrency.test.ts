import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, seatState } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';

const app = useTestApp();

/** Fills all but `left` seats, then sends `contenders` bookings at once. */
async function race(targets: string[], contenders: number, seats: number, left: number) {
  const t = await createTenant(app, { plan: 'enterprise' });
  const w = await createWorkshop(t, { seats, recurrence: { frequency: 'none' } });
  for (let i = 0; i < seats - left; i++) {
    expect((await book(app, bookingRequest(t, w, `early${i}@example.test`))).status).toBe(201);
  }
  const results = await Promise.all(
    Array.from({ length: contenders }, (_, i) => {
      const target = targets[i % targets.length]!;
      return fetch(`${target}/api/v1/public/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(t, w, `racer${i}@example.test`)),
      }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }));
    }),
  );
  return { results, session: w.sessions[0]!, tenantId: t.tenantId };
}

function tally(results: Array<{ status: number; code?: string | undefined }>) {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.status === 201 ? '201' : `${r.status} ${r.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('seats never oversell', () => {
  it('200 concurrent requests for the last 8 seats: exactly 8 succeed, the rest 409 NO_SEATS_AVAILABLE', async () => {
    const { results, session } = await race([app.baseUrl], 200, 20, 8);
    expect(tally(results)).toEqual({ '201': 8, '409 NO_SEATS_AVAILABLE': 192 });
    expect(await seatState(app, session.id)).toEqual({ seats: 20, booked: 20, live: 20 });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the same with two app instances on one PostgreSQL database',
    async () => {
      const { database, one, two, close } = await twoInstances();
      try {
        const t = await createTenant(one, { plan: 'enterprise' });
        const w = await createWorkshop(t, { seats: 10, recurrence: { frequency: 'none' } });
        for (let i = 0; i < 2; i++) {
          expect((await book(one, bookingRequest(t, w, `early${i}@example.test`))).status).toBe(201);
        }
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            book(i % 2 === 0 ? one : two, bookingRequest(t, w, `racer${i}@example.test`)).then((r) => ({
              status: r.status,
              code: r.body.code as string | undefined,
            })),
          ),
        );
        expect(tally(results)).toEqual({ '201': 8, '409 NO_SEATS_AVAILABLE': 192 });
        const [row] = await queryRows<{ seats: number; booked: number; live: number }>(
          database.db,
          sql`select s.seats, s.booked_seats as booked,
                     (select count(*)::int from bookings b where b.session_id = s.id
                        and b.status in ('pending', 'accepted')) as live
              from workshop_sessions s where s.id = ${w.sessions[0]!.id}`,
        );
        expect(row).toEqual({ seats: 10, booked: 10, live: 10 });
      } finally {
        await close();
      }
    },
  );

  it.skipIf(!process.env.DATABASE_URL)(
    'a full session is refused at once while another transaction holds its seat row and the tenant row',
    async () => {
      const t = await createTenant(app, { plan: 'growth' });
      const w = await createWorkshop(t, { seats: 2, recurrence: { frequency: 'none' } });
      for (let i = 0; i < 2; i++) {
        expect((await book(app, bookingRequest(t, w, `early${i}@example.test`))).status).toBe(201);
      }
      // As a winner of a rush holds them until its commit (the tenant row: the monthly allowance).
      const holder = await app.database.pool!.connect();
      try {
        await holder.query('begin');
        await holder.query('select 1 from workshop_sessions where id = $1 for update', [w.sessions[0]!.id]);
        await holder.query('select 1 from tenants where id = $1 for no key update', [t.tenantId]);
        const started = Date.now();
        const answer = await Promise.race([
          book(app, bookingRequest(t, w, 'late@example.test')),
          sleep(5000).then(() => undefined),
        ]);
        expect(answer?.status).toBe(409);
        expect(answer?.body.code).toBe('NO_SEATS_AVAILABLE');
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        await holder.query('rollback');
        holder.release();
      }
    },
  );

  it.skipIf(!process.env.DATABASE_URL)(
    'a refused booking wakes no outbox worker; a confirmed one does',
    async () => {
      const t = await createTenant(app, { plan: 'enterprise' });
      const w = await createWorkshop(t, { seats: 1, recurrence: { frequency: 'none' } });
      const listener = await app.database.pool!.connect();
      const wakes: string[] = [];
      const onNotification = (n: { channel: string }) => wakes.push(n.channel);
      listener.on('notification', onNotification);
      try {
        await listener.query('listen outbox_wake');
        expect((await book(app, bookingRequest(t, w, 'first@example.test'))).status).toBe(201);
        await vi.waitFor(() => expect(wakes).toContain('outbox_wake'));
        wakes.length = 0;
        const refused = await book(app, bookingRequest(t, w, 'second@example.test'));
        expect(refused.body.code).toBe('NO_SEATS_AVAILABLE');
        await sleep(300);
        expect(wakes).toEqual([]);
      } finally {
        listener.off('notification', onNotification);
        await listener.query('unlisten outbox_wake');
        listener.release();
      }
    },
  );
});

describe('the monthly allowance', () => {
  it('stays exact when bookings for different sessions race (two instances on PostgreSQL)', async () => {
    // Different sessions, so no seat row orders the bookings: only the allowance does.
    const shared = process.env.DATABASE_URL ? await twoInstances() : undefined;
    const targets = shared ? [shared.one, shared.two] : [app];
    try {
      const t = await createTenant(targets[0]!, { plan: 'lite' });
      const w = await createWorkshop(t, { seats: 100, recurrence: { frequency: 'weekly', count: 3 } });
      const results = await Promise.all(
        Array.from({ length: 75 }, (_, i) =>
          book(
            targets[i % targets.length]!,
            bookingRequest(t, w, `student${i}@example.test`, {
              startTime: w.sessions[i % 3]!.startTime.toISOString(),
            }),
          ).then((r) => ({ status: r.status, code: r.body.code as string | undefined })),
        ),
      );
      expect(tally(results)).toEqual({ '201': 30, '403 FORBIDDEN': 45 });
      const [row] = await queryRows<{ bookings: number; booked: number }>(
        targets[0]!.database.db,
        sql`select (select count(*)::int from bookings where tenant_id = ${t.tenantId}) as bookings,
                   (select sum(booked_seats)::int from workshop_sessions where tenant_id = ${t.tenantId}) as booked`,
      );
      expect(row).toEqual({ bookings: 30, booked: 30 });
    } finally {
      await shared?.close();
    }
  });
});

/** Two fresh instances sharing a second database clone (the file's app uses its own). */
async function twoInstances(): Promise<{
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  one: TestApp;
  two: TestApp;
  close(): Promise<void>;
}> {
  const database = await createTestDatabase();
  const one = await startTestApp({ database });
  const two = await startTestApp({ database });
  return {
    database,
    one,
    two,
    async close() {
      await one.close();
      await two.close();
      await database.close();
    },
  };
}
