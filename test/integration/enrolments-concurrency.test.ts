import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import type { PlanType } from '../../src/modules/tenants/plans.ts';
import { createTenant, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, postJson } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';

// An enrolment takes a seat in every remaining session or none (issue 16): racing single bookings
// for the last seat of one session, exactly one side gets it, and a losing enrolment holds no seat
// in any other session. On PGlite, and on PostgreSQL with two app instances on one database.

const app = useTestApp();

type Outcome = { status: number; code?: string | undefined };

async function answer(promise: ReturnType<typeof postJson>): Promise<Outcome> {
  const res = await promise;
  return { status: res.status, code: res.body?.code };
}

/** Every session's counter equals its live bookings and never passes its seats. */
async function sessionsConsistent(targets: TestApp[], workshopId: number) {
  return queryRows<{ id: number; seats: number; booked: number; live: number }>(
    targets[0]!.database.db,
    sql`select s.id, s.seats, s.booked_seats as booked,
               (select count(*)::int from bookings b where b.session_id = s.id
                  and b.status in ('pending', 'accepted')) as live
        from workshop_sessions s where s.workshop_id = ${workshopId} order by s.start_time`,
  );
}

async function liveSeats(targets: TestApp[], email: string) {
  const [row] = await queryRows<{ n: number }>(
    targets[0]!.database.db,
    sql`select count(*)::int as n from bookings where attendee_email = ${email}
          and status in ('pending', 'accepted')`,
  );
  return row!.n;
}

/**
 * One round: a 3-session course with `seats`, one session (the round's) a seat short of full, then
 * `enrolments` enrolments and `singles` single bookings of that session at once. Rounds vary the
 * contested session and who is sent first (the single bookings a few milliseconds apart in odd
 * rounds), so both sides get to reach the seat first.
 */
async function round(
  targets: TestApp[],
  options: { plan: PlanType; seats: number; enrolments: number; singles: number; round: number },
) {
  const t = await createTenant(targets[0]!, { plan: options.plan });
  const w = await createWorkshop(t, { seats: options.seats, recurrence: { frequency: 'weekly', count: 3 } });
  const contested = options.round % 3;
  const startTime = w.sessions[contested]!.startTime.toISOString();
  for (let i = 0; i < options.seats - 1; i++) {
    const early = await book(targets[0]!, bookingRequest(t, w, `early${i}@example.test`, { startTime }));
    expect(early.status).toBe(201);
  }
  const at = (i: number) => targets[i % targets.length]!;
  const enrolled = Array.from(
    { length: options.enrolments },
    (_, i) => `enrol${options.round}-${i}@example.test`,
  );
  const enrol = () =>
    enrolled.map((email, i) =>
      answer(
        postJson(at(i), '/api/v1/public/enrolments', {
          tenantSlug: t.slug,
          workshopSlug: w.slug,
          attendee: { name: 'Whole Course', email, timeZone: 'Europe/Berlin' },
        }),
      ),
    );
  const spread = options.round % 2 === 1;
  const singles = () =>
    Array.from({ length: options.singles }, async (_, i) => {
      if (spread) await new Promise((resolve) => setTimeout(resolve, 3 * (i + 1)));
      return answer(
        book(at(i + 1), bookingRequest(t, w, `single${options.round}-${i}@example.test`, { startTime })),
      );
    });
  const enrolFirst = options.round % 2 === 0;
  const [a, b] = enrolFirst ? [enrol(), singles()] : [singles(), enrol()];
  const results = await Promise.all(enrolFirst ? [...a, ...b] : [...b, ...a]);
  const enrolResults = results.slice(0, options.enrolments);
  const singleResults = results.slice(options.enrolments);
  const won = (r: Outcome) => r.status === 201;
  // Exactly one request got the last seat; every other was refused as full, never a 500.
  expect(results.filter(won)).toHaveLength(1);
  for (const r of results.filter((r) => !won(r)))
    expect(r).toEqual({ status: 409, code: 'NO_SEATS_AVAILABLE' });
  // A losing enrolment holds nothing anywhere; the winning one holds all three sessions.
  for (const [i, email] of enrolled.entries()) {
    expect(await liveSeats(targets, email)).toBe(won(enrolResults[i]!) ? 3 : 0);
  }
  const enrolmentWon = enrolResults.some(won);
  const sessions = await sessionsConsistent(targets, w.id);
  for (const s of sessions) expect(s.booked).toBe(s.live);
  expect(sessions.map((s) => s.booked)).toEqual(
    [0, 1, 2].map((i) => (i === contested ? options.seats : enrolmentWon ? 1 : 0)),
  );
  expect(singleResults.filter(won)).toHaveLength(enrolmentWon ? 0 : 1);
  return enrolmentWon ? 'enrolment' : 'single';
}

describe('an enrolment racing single bookings for the last seat of one session', () => {
  it('all or nothing (PGlite): one enrolment against ten single bookings, round after round', async () => {
    // Which side wins a round depends on timing; each round checks that it is exactly one.
    for (let i = 0; i < 6; i++) {
      await round([app], { plan: 'enterprise', seats: 3, enrolments: 1, singles: 10, round: i });
    }
  });

  it('all or nothing among five enrolments and five single bookings, with the monthly allowance locked first', async () => {
    // A capped plan: each seat statement takes the tenant's allowance lock; the enrolment takes it
    // before any seat row, so no order of the two can deadlock (a deadlock would answer 500).
    for (let i = 0; i < 3; i++) {
      await round([app], { plan: 'growth', seats: 2, enrolments: 5, singles: 5, round: 100 + i });
    }
  });

  it('an enrolment that does not fit in the month’s allowance takes nothing', async () => {
    const t = await createTenant(app, { plan: 'lite' });
    const w = await createWorkshop(t, { seats: 40, recurrence: { frequency: 'weekly', count: 3 } });
    for (let i = 0; i < 28; i++) {
      expect((await book(app, bookingRequest(t, w, `filler${i}@example.test`))).status).toBe(201);
    }
    const res = await postJson(app, '/api/v1/public/enrolments', {
      tenantSlug: t.slug,
      workshopSlug: w.slug,
      attendee: { name: 'Too Late', email: 'over@example.test', timeZone: 'UTC' },
    });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await liveSeats([app], 'over@example.test')).toBe(0);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the same with two app instances on one PostgreSQL database',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
      try {
        for (let i = 0; i < 4; i++) {
          await round([one, two], {
            plan: 'enterprise',
            seats: 3,
            enrolments: 1,
            singles: 10,
            round: 200 + i,
          });
        }
        for (let i = 0; i < 3; i++) {
          await round([one, two], { plan: 'growth', seats: 2, enrolments: 5, singles: 5, round: 300 + i });
        }
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});
