import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, manageParts, postJson } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';

// Issue 17, part 2: a student's reschedule onto a fixed session racing a new booking for that
// session's last seat. The move gives the old seat back and takes the new one in one transaction,
// so exactly one of the two gets the seat, the loser is 409 NO_SEATS_AVAILABLE, a losing move keeps
// its old seat, and every session's counter equals its live bookings.

const app = useTestApp();

const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;

async function raceRounds(mover: TestApp, booker: TestApp, rounds: number) {
  const t = await createTenant(mover, { plan: 'enterprise' });
  for (let round = 0; round < rounds; round++) {
    const w = await createWorkshop(t, { seats: 2, recurrence: { frequency: 'weekly', count: 2 } });
    const [from, to] = w.sessions;
    const mine = await book(mover, bookingRequest(t, w, email('mover')));
    expect(mine.status).toBe(201);
    const filler = bookingRequest(t, w, email('filler'), { startTime: to!.startTime.toISOString() });
    expect((await book(mover, filler)).status).toBe(201);
    const { uid, token } = manageParts(mine.body.manageUrl);
    const [move, other] = await Promise.all([
      postJson(mover, `/api/v1/public/bookings/${uid}/reschedule`, { token, startTime: to!.startTime }),
      book(booker, bookingRequest(t, w, email('rival'), { startTime: to!.startTime.toISOString() })),
    ]);
    const won = move.status === 200;
    expect([move.status, other.status], JSON.stringify([move.body, other.body])).toEqual(
      won ? [200, 409] : [409, 201],
    );
    expect((won ? other.body : move.body).code).toBe('NO_SEATS_AVAILABLE');
    const seats = await seatsOf(mover, w.id);
    expect(seats).toEqual([
      { id: from!.id, seats: 2, booked: won ? 0 : 1, live: won ? 0 : 1 },
      { id: to!.id, seats: 2, booked: 2, live: 2 },
    ]);
    const [row] = await queryRows<{ sessionId: number }>(
      mover.database.db,
      sql`select session_id as "sessionId" from bookings where uid = ${uid}`,
    );
    expect(row!.sessionId).toBe(won ? to!.id : from!.id);
  }
}

/** Each session of the workshop: seats, its counter and its live bookings. */
async function seatsOf(target: TestApp, workshopId: number) {
  return queryRows<{ id: number; seats: number; booked: number; live: number }>(
    target.database.db,
    sql`select s.id, s.seats, s.booked_seats as booked,
          (select count(*)::int from bookings b where b.session_id = s.id
             and b.status in ('pending', 'accepted')) as live
        from workshop_sessions s where s.workshop_id = ${workshopId} order by s.start_time`,
  );
}

describe('a reschedule racing a booking for the last seat of the target session', () => {
  it('exactly one gets the seat every time; a losing move keeps its old seat', async () => {
    // Which side wins is up to the database; every round checks its own outcome.
    await raceRounds(app, app, 12);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the same with two app instances on one PostgreSQL database',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
      try {
        await raceRounds(one, two, 12);
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});
