import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, startTestApp, useTestApp } from '../support/app.ts';
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
      // A second database clone shared by two fresh instances (the file's app uses its own).
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
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
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});
