import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { addSignedInMember, createTenant, handled, trpcError, useTestApp } from '../support/app.ts';
import { postJson, seatState } from '../support/bookings.ts';
import {
  entriesOf,
  entryAnswer,
  entryByUid,
  fullWorkshop,
  joined,
  settledLine,
  waitForStatus,
} from '../support/waitlist.ts';

// immersio.waitlist.* (issue 16): the staff's side of a session's waitlist, and the constraints
// that keep a line straight whatever the code does.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

function cancelBooking(booking: { uid: string; token: string }) {
  return postJson(app, `/api/v1/public/bookings/${booking.uid}/cancel`, { token: booking.token });
}

describe('staff: immersio.waitlist.*', () => {
  it('list, move, offer by hand and remove; the roster counts the line', async () => {
    const t = await createTenant(app);
    const { w, session } = await fullWorkshop(app, t, 1);
    const a = await joined(app, t, w, 'a@example.test');
    const b = await joined(app, t, w, 'b@example.test');
    const c = await joined(app, t, w, 'c@example.test');
    const client = t.owner.client.immersio.waitlist;

    const list = await client.list.query({ sessionId: session.id });
    expect(list).toMatchObject({ waitlistEnabled: true, offerMinutes: 120, waitingCount: 3 });
    expect(list.entries.map((e) => [e.email, e.position])).toEqual([
      ['a@example.test', 1],
      ['b@example.test', 2],
      ['c@example.test', 3],
    ]);
    const cId = list.entries[2]!.id;
    expect(await client.move.mutate({ entryId: cId, position: 1 })).toEqual({ success: true, position: 1 });
    expect((await entryAnswer(app, c)).body.entry.position).toBe(1);
    expect((await entryAnswer(app, a)).body.entry.position).toBe(2);
    expect((await client.move.mutate({ entryId: cId, position: 99 })).position).toBe(3);
    expect((await entriesOf(app, session.id)).map((e) => e.email)).toEqual([
      'a@example.test',
      'b@example.test',
      'c@example.test',
    ]);

    // No seat is free: an offer by hand is refused; with one more seat it goes where staff say.
    const full = await trpcError(client.offer.mutate({ entryId: cId }));
    expect(full).toMatchObject({ appCode: 'NO_SEATS_AVAILABLE', httpStatus: 409 });
    const roster = await t.owner.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(roster.waitlist).toEqual({ waiting: 3, offered: 0 });
    expect((await t.owner.client.immersio.tenant.getStats.query({ period: 'month' })).waitingStudents).toBe(
      3,
    );

    const bId = list.entries[1]!.id;
    await client.remove.mutate({ entryId: bId });
    expect((await entryAnswer(app, b)).body.entry.status).toBe('left');
    expect(await trpcError(client.remove.mutate({ entryId: bId }))).toMatchObject({ appCode: 'CONFLICT' });
    expect(await trpcError(client.move.mutate({ entryId: bId, position: 1 }))).toMatchObject({
      appCode: 'CONFLICT',
    });
    expect(await trpcError(client.offer.mutate({ entryId: bId }))).toMatchObject({ appCode: 'CONFLICT' });
  });

  it('an offer by hand takes a free seat for the chosen student, out of turn', async () => {
    const t = await createTenant(app);
    const { w, session, bookings } = await fullWorkshop(app, t, 1);
    await joined(app, t, w, 'x@example.test');
    const y = await joined(app, t, w, 'y@example.test');
    const client = t.owner.client.immersio.waitlist;
    const yId = (await entryByUid(app, session.id, y.uid)).id;
    expect(await trpcError(client.offer.mutate({ entryId: yId }))).toMatchObject({
      appCode: 'NO_SEATS_AVAILABLE',
      httpStatus: 409,
    });
    // Staff act before the worker offers the freed seat to the first in line.
    await app.running.worker.stop();
    try {
      await cancelBooking(bookings[0]!);
      const offer = await client.offer.mutate({ entryId: yId });
      expect(offer).toEqual({
        success: true,
        bookingId: expect.any(Number),
        offerExpiresAt: expect.any(Date),
      });
    } finally {
      app.running.worker.start();
    }
    const line = await settledLine(app, t.tenantId, session.id);
    expect(line.map((e) => [e.email, e.status, e.offeredBy])).toEqual([
      ['x@example.test', 'waiting', null],
      ['y@example.test', 'offered', 'staff'],
    ]);
    expect(await seatState(app, session.id)).toEqual({ seats: 1, booked: 1, live: 1 });
  });

  it('a MEMBER manages the lines of the classes they teach only; another tenant sees nothing', async () => {
    const t = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const { w, session } = await fullWorkshop(app, t, 1, { teacherId: teacher.id });
    await joined(app, t, w, 'a@example.test');
    const list = await teacher.client.immersio.waitlist.list.query({ sessionId: session.id });
    expect(list.waitingCount).toBe(1);
    const entryId = list.entries[0]!.id;
    expect(await teacher.client.immersio.waitlist.move.mutate({ entryId, position: 1 })).toMatchObject({
      success: true,
    });
    for (const call of handled([
      other.client.immersio.waitlist.list.query({ sessionId: session.id }),
      other.client.immersio.waitlist.move.mutate({ entryId, position: 1 }),
      other.client.immersio.waitlist.offer.mutate({ entryId }),
      other.client.immersio.waitlist.remove.mutate({ entryId }),
    ])) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    const stranger = await createTenant(app);
    expect(
      await trpcError(stranger.owner.client.immersio.waitlist.list.query({ sessionId: session.id })),
    ).toMatchObject({ appCode: 'NOT_FOUND' });
    expect(await trpcError(stranger.owner.client.immersio.waitlist.remove.mutate({ entryId }))).toMatchObject(
      {
        appCode: 'NOT_FOUND',
      },
    );
    expect(
      await trpcError(t.owner.client.immersio.waitlist.move.mutate({ entryId, position: 0 })),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(
      await trpcError(t.owner.client.immersio.waitlist.list.query({ sessionId: -1 } as never)),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR' });
  });
});

describe('the database keeps the line straight', () => {
  it('one offer per booking, one live place per e-mail and session', async () => {
    const t = await createTenant(app);
    const { w, session, bookings } = await fullWorkshop(app, t, 1);
    const first = await joined(app, t, w, 'first@example.test');
    await cancelBooking(bookings[0]!);
    const offered = await waitForStatus(app, session.id, first.uid, 'offered');
    const [second] = await queryRows<{ id: number }>(
      app.database.db,
      sql`insert into waitlist_entries (uid, tenant_id, workshop_id, session_id, email, name, time_zone)
          values ('wait_x', ${t.tenantId}, ${w.id}, ${session.id}, 'other@example.test', 'O', 'UTC') returning id`,
    );
    await expect(
      app.database.db.execute(
        sql`update waitlist_entries set status = 'offered', booking_id = ${offered.bookingId},
              offer_expires_at = now() where id = ${second!.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      app.database.db.execute(
        sql`insert into waitlist_entries (uid, tenant_id, workshop_id, session_id, email, name, time_zone)
            values ('wait_y', ${t.tenantId}, ${w.id}, ${session.id}, 'other@example.test', 'O', 'UTC')`,
      ),
    ).rejects.toThrow();
  });
});
