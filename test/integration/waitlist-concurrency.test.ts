import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import { outboxSettled, postJson, seatState, waitFor } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';
import { queuedEmails } from '../support/emails.ts';
import { entriesOf, fullWorkshop, joined } from '../support/waitlist.ts';

const app = useTestApp();

const SEATS = 20;
const WAITING = 50;

/**
 * A session of 20 booked seats with 50 in line; then all 20 bookings are cancelled at once
 * (spread over `targets`, the instances) and the offers made by the outbox workers are checked.
 */
async function freeTwentySeats(targets: TestApp[]) {
  const [first] = targets as [TestApp];
  const t = await createTenant(first, { plan: 'enterprise' });
  const { w, session, bookings } = await fullWorkshop(first, t, SEATS);
  const line: string[] = [];
  for (let i = 0; i < WAITING; i++) line.push((await joined(first, t, w, `waiting${i}@example.test`)).email);

  const started = performance.now();
  const cancelled = await Promise.all(
    bookings.map((b, i) =>
      postJson(targets[i % targets.length]!, `/api/v1/public/bookings/${b.uid}/cancel`, { token: b.token }),
    ),
  );
  expect(cancelled.map((r) => r.status)).toEqual(bookings.map(() => 200));
  await waitFor(
    async () => (await entriesOf(first, session.id)).filter((e) => e.status === 'offered').length >= SEATS,
    { what: '20 offers' },
  );
  const offeredMs = performance.now() - started;
  await outboxSettled(first, t.tenantId);

  const entries = await entriesOf(first, session.id);
  const offered = entries.filter((e) => e.status === 'offered');
  // Exactly the first 20 in line, each with its own held seat, offered in line order.
  expect(offered.map((e) => e.email)).toEqual(line.slice(0, SEATS));
  expect(new Set(offered.map((e) => e.bookingId)).size).toBe(SEATS);
  const bookingIds = offered.map((e) => e.bookingId!);
  expect(bookingIds).toEqual([...bookingIds].sort((a, b) => a - b));
  expect(entries.filter((e) => e.status === 'waiting').map((e) => e.email)).toEqual(line.slice(SEATS));
  const held = await queryRows<{ id: number; status: string; source: string; email: string }>(
    first.database.db,
    sql`select id, status, registration_source as source, attendee_email as email from bookings
        where session_id = ${session.id} and status in ('pending', 'accepted') order by id`,
  );
  expect(held.map((b) => [b.id, b.status, b.source, b.email])).toEqual(
    offered.map((e) => [e.bookingId, 'pending', 'waitlist', e.email]),
  );
  expect(await seatState(first, session.id)).toEqual({ seats: SEATS, booked: SEATS, live: SEATS });
  // None offered twice: one offer e-mail to each of the 20, none to the rest.
  const offers = (await queuedEmails(first, t.tenantId)).filter((m) =>
    m.subject.startsWith('A seat is free'),
  );
  expect(offers.map((m) => m.to).sort()).toEqual(line.slice(0, SEATS).sort());
  return { offeredMs };
}

describe('20 seats freed at once with 50 waiting', () => {
  it('each seat is offered to exactly one entry, in line order, none twice', async () => {
    const { offeredMs } = await freeTwentySeats([app]);
    console.info(`waitlist: 20 offers after 20 simultaneous cancellations in ${offeredMs.toFixed(0)} ms`);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the same with two app instances (two outbox workers) on one PostgreSQL database',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
      try {
        const { offeredMs } = await freeTwentySeats([one, two]);
        console.info(`waitlist (2 instances): 20 offers in ${offeredMs.toFixed(0)} ms`);
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});
