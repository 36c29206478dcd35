import { afterEach, describe, expect, it } from 'vitest';
import { createTenant, useTestApp } from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  eventsOf,
  getJson,
  HOUR,
  postJson,
  seatState,
} from '../support/bookings.ts';
import { queuedEmails } from '../support/emails.ts';
import {
  claim,
  entryAnswer,
  entryByUid,
  fullWorkshop,
  join,
  joined,
  joinRequest,
  leave,
  settledLine,
  waitForStatus,
} from '../support/waitlist.ts';

// The sweeper runs only when a test calls it.
const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

afterEach(() => {
  app.clock.offsetMs = 0;
});

function cancelBooking(booking: { uid: string; token: string }) {
  return postJson(app, `/api/v1/public/bookings/${booking.uid}/cancel`, { token: booking.token });
}

describe('joining a waitlist: POST /api/v1/public/waitlist', () => {
  it('a full session takes students in line; a free one says "book instead"; one place per e-mail', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 1, recurrence: { frequency: 'none' } });
    const early = await join(app, t, w, 'early@example.test');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONFLICT');
    expect(early.body.error).toMatch(/book/i);

    expect((await book(app, bookingRequest(t, w, 'seated@example.test'))).status).toBe(201);
    const first = await join(app, t, w, ' First@Example.TEST ');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      entry: { uid: expect.stringMatching(/^wait_[a-f0-9]{20}$/), status: 'waiting', position: 1 },
      manageUrl: expect.stringMatching(
        /^http:\/\/localhost:3000\/waitlist\/wait_[a-f0-9]{20}\?token=[\w-]{43}$/,
      ),
    });
    const second = await join(app, t, w, 'second@example.test');
    expect(second.body.entry.position).toBe(2);
    const twice = await join(app, t, w, 'first@example.test');
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CONFLICT');
    // Someone with a seat is not put in line for a second one.
    const seated = await join(app, t, w, 'seated@example.test');
    expect(seated.status).toBe(409);

    const emails = await queuedEmails(app, t.tenantId, 'first@example.test');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe('Waitlist: Evening Spanish');
    expect(emails[0]!.text).toContain('number 1 in line');
    expect(emails[0]!.text).toContain(first.body.manageUrl);
  });

  it('the whitelist applies; unknown tenants, workshops and sessions are 404; bad input is 400', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, {
      seats: 1,
      recurrence: { frequency: 'none' },
      whitelistEnabled: true,
      whitelistEmails: ['listed@example.test', 'other@example.test'],
    });
    expect((await book(app, bookingRequest(t, w, 'listed@example.test'))).status).toBe(201);
    const denied = await join(app, t, w, 'stranger@example.test');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('WHITELIST_DENIED');
    expect((await join(app, t, w, 'other@example.test')).status).toBe(201);

    const base = joinRequest(t, w, 'x@example.test');
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, tenantSlug: 'no-such-school' }, 404, 'TENANT_NOT_FOUND'],
      [{ ...base, workshopSlug: 'no-such-class' }, 404, 'WORKSHOP_NOT_FOUND'],
      [{ ...base, startTime: new Date(Date.now() + 40 * 86_400_000).toISOString() }, 404, 'NOT_FOUND'],
      [{ ...base, attendee: { ...base.attendee, email: 'not-an-email' } }, 400, 'VALIDATION_ERROR'],
      [{ ...base, attendee: { ...base.attendee, timeZone: 'Mars/Olympus' } }, 400, 'VALIDATION_ERROR'],
      [{ ...base, extra: true }, 400, 'VALIDATION_ERROR'],
      [{ ...base, startTime: 'tomorrow' }, 400, 'VALIDATION_ERROR'],
      [{ ...base, immersioStudentId: 'stu_1' }, 403, 'FORBIDDEN'],
    ];
    for (const [body, status, code] of cases) {
      const res = await postJson(app, '/api/v1/public/waitlist', body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
  });

  it('a workshop with its waitlist off and the last hour before the start refuse', async () => {
    const t = await createTenant(app);
    const off = await createWorkshop(t, {
      seats: 1,
      recurrence: { frequency: 'none' },
      waitlistEnabled: false,
    });
    expect((await book(app, bookingRequest(t, off, 'a@example.test'))).status).toBe(201);
    const refused = await join(app, t, off, 'b@example.test');
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);

    // Turning it off closes the lines it has: nobody waits for an offer that will not come.
    const on = await fullWorkshop(app, t, 1);
    const waiting = await joined(app, t, on.w, 'waiting@example.test');
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: on.w.id, waitlistEnabled: false });
    expect((await entryAnswer(app, waiting)).body.entry.status).toBe('expired');
    const answer = await getJson(app, `/api/v1/public/workshops/${on.w.slug}?tenantSlug=${t.slug}`);
    expect(answer.body.waitlistEnabled).toBe(false);

    const soon = await createWorkshop(t, {
      seats: 1,
      recurrence: { frequency: 'none' },
      startTime: new Date(Date.now() + 50 * 60_000),
    });
    expect((await book(app, bookingRequest(t, soon, 'a@example.test'))).status).toBe(201);
    const late = await join(app, t, soon, 'b@example.test');
    expect([late.status, late.body.code]).toEqual([409, 'BOOKING_CLOSED']);
  });

  it('the public workshop answer says whether a full session can be joined', async () => {
    const t = await createTenant(app);
    const { w } = await fullWorkshop(app, t, 1);
    const answer = await getJson(app, `/api/v1/public/workshops/${w.slug}?tenantSlug=${t.slug}`);
    expect(answer.body).toMatchObject({ availableSeats: 0, waitlistEnabled: true });
  });
});

describe('offers: a freed seat goes to the first in line', () => {
  it('a cancellation offers the seat (held as a pending booking); a free claim confirms it', async () => {
    const t = await createTenant(app);
    const { w, session, bookings } = await fullWorkshop(app, t, 2);
    const first = await joined(app, t, w, 'first@example.test');
    const second = await joined(app, t, w, 'second@example.test');

    expect((await cancelBooking(bookings[0]!)).status).toBe(200);
    const offered = await waitForStatus(app, session.id, first.uid, 'offered');
    expect(offered).toMatchObject({ offeredBy: 'auto', bookingId: expect.any(Number) });
    expect(await seatState(app, session.id)).toEqual({ seats: 2, booked: 2, live: 2 });
    const answer = await entryAnswer(app, first);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      entry: { uid: first.uid, status: 'offered', position: null, offerExpiresAt: expect.any(String) },
    });
    const deadline = new Date(answer.body.entry.offerExpiresAt).getTime();
    expect(Math.abs(deadline - (app.clock.now().getTime() + 2 * HOUR))).toBeLessThan(60_000);
    expect((await entryAnswer(app, second)).body.entry).toMatchObject({ status: 'waiting', position: 1 });
    // The seat is the line's: nobody else can book it.
    const outsider = await book(app, bookingRequest(t, w, 'outsider@example.test'));
    expect(outsider.body.code).toBe('NO_SEATS_AVAILABLE');

    await settledLine(app, t.tenantId, session.id);
    const offerMail = (await queuedEmails(app, t.tenantId, 'first@example.test')).at(-1)!;
    expect(offerMail.subject).toMatch(/^A seat is free: Evening Spanish — claim it by /);
    expect(offerMail.text).toContain('/waitlist/');

    const claimed = await claim(app, first);
    expect(claimed.status).toBe(201);
    expect(claimed.body).toEqual({
      booking: {
        uid: expect.stringMatching(/^booking_[a-f0-9]{20}$/),
        status: 'accepted',
        title: 'Evening Spanish',
        startTime: session.startTime.toISOString(),
        endTime: session.endTime.toISOString(),
        paid: false,
      },
      payment: null,
      manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/bookings\/booking_[a-f0-9]{20}\?token=/),
    });
    expect((await entryAnswer(app, first)).body.entry.status).toBe('claimed');
    expect(await bookingByUid(app, claimed.body.booking.uid)).toMatchObject({
      status: 'accepted',
      paid: false,
    });
    const created = await eventsOf(app, t.tenantId, 'BOOKING_CREATED');
    expect(created.map((e) => e.data.booking.uid)).toContain(claimed.body.booking.uid);
    // Claiming again answers the same booking.
    const again = await claim(app, first);
    expect([again.status, again.body.booking.uid]).toEqual([201, claimed.body.booking.uid]);
    expect(await seatState(app, session.id)).toEqual({ seats: 2, booked: 2, live: 2 });
  });

  it('an unclaimed offer expires through the sweeper and passes to the next in line', async () => {
    const t = await createTenant(app);
    const { w, session, bookings } = await fullWorkshop(app, t, 1);
    const first = await joined(app, t, w, 'first@example.test');
    const second = await joined(app, t, w, 'second@example.test');
    await cancelBooking(bookings[0]!);
    await waitForStatus(app, session.id, first.uid, 'offered');

    app.clock.advance(2 * HOUR - 60_000);
    await app.running.container.bookings.sweepHolds();
    expect((await entryByUid(app, session.id, first.uid)).status).toBe('offered');

    app.clock.advance(2 * 60_000);
    // Past the deadline it reads as expired at once, before the sweeper ends the hold.
    expect((await entryAnswer(app, first)).body.entry.status).toBe('expired');
    const refused = await claim(app, first);
    expect([refused.status, refused.body.code]).toEqual([410, 'GONE']);
    expect(await app.running.container.bookings.sweepHolds()).toBe(1);
    expect((await entryByUid(app, session.id, first.uid)).status).toBe('expired');
    await waitForStatus(app, session.id, second.uid, 'offered');
    expect(await seatState(app, session.id)).toEqual({ seats: 1, booked: 1, live: 1 });
    expect((await claim(app, second)).status).toBe(201);
  });

  it('an offer never runs past an hour before the start', async () => {
    const t = await createTenant(app);
    const start = new Date(Date.now() + 2 * HOUR + 30 * 60_000);
    const { w, session, bookings } = await fullWorkshop(app, t, 1, { startTime: start });
    const first = await joined(app, t, w, 'first@example.test');
    // Past the students' own cancellation notice: staff cancel.
    const { id } = await bookingByUid(app, bookings[0]!.uid);
    await t.owner.client.immersio.booking.cancel.mutate({ bookingId: id });
    const offered = await waitForStatus(app, session.id, first.uid, 'offered');
    expect(offered.offerExpiresAt!.getTime()).toBe(session.startTime.getTime() - HOUR);
  });

  it('leaving: a waiting student leaves the line; an offered one gives the seat to the next', async () => {
    const t = await createTenant(app);
    const { w, session, bookings } = await fullWorkshop(app, t, 1);
    const first = await joined(app, t, w, 'first@example.test');
    const second = await joined(app, t, w, 'second@example.test');
    const third = await joined(app, t, w, 'third@example.test');

    const left = await leave(app, second);
    expect(left.status).toBe(200);
    expect(left.body).toEqual({
      entry: { uid: second.uid, status: 'left', position: null, offerExpiresAt: null },
    });
    expect((await entryAnswer(app, third)).body.entry.position).toBe(2);
    expect((await leave(app, second)).body.entry.status).toBe('left');
    expect((await claim(app, second)).body.code).toBe('GONE');
    expect((await claim(app, third)).body.code).toBe('CONFLICT');

    await cancelBooking(bookings[0]!);
    await waitForStatus(app, session.id, first.uid, 'offered');
    expect((await leave(app, first)).body.entry.status).toBe('left');
    await waitForStatus(app, session.id, third.uid, 'offered');
    expect(await seatState(app, session.id)).toEqual({ seats: 1, booked: 1, live: 1 });
    // A wrong token looks like a missing entry.
    const wrong = await entryAnswer(app, { uid: third.uid, token: 'x'.repeat(43) });
    expect([wrong.status, wrong.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await getJson(app, `/api/v1/public/waitlist/nope?token=x`)).status).toBe(400);
  });

  it('more seats on the workshop are offered to the line at once, the rest stay bookable', async () => {
    const t = await createTenant(app);
    const { w, session } = await fullWorkshop(app, t, 2);
    const first = await joined(app, t, w, 'first@example.test');
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, seats: 4 });
    await waitForStatus(app, session.id, first.uid, 'offered');
    expect((await book(app, bookingRequest(t, w, 'walk-in@example.test'))).status).toBe(201);
    expect(await seatState(app, session.id)).toEqual({ seats: 4, booked: 4, live: 4 });
  });

  it('a cancelled session closes its line; a session that started closes it through the sweeper', async () => {
    const t = await createTenant(app);
    const { w, session } = await fullWorkshop(app, t, 1);
    const first = await joined(app, t, w, 'first@example.test');
    await t.owner.client.immersio.booking.cancelSession.mutate({ sessionId: session.id });
    expect((await entryByUid(app, session.id, first.uid)).status).toBe('expired');

    const other = await fullWorkshop(app, t, 1);
    const waiting = await joined(app, t, other.w, 'waiting@example.test');
    app.clock.advance(other.session.startTime.getTime() - Date.now() + 60_000);
    expect((await entryAnswer(app, waiting)).body.entry.status).toBe('expired');
    await app.running.container.bookings.sweepHolds();
    expect((await entryByUid(app, other.session.id, waiting.uid)).status).toBe('expired');
  });
});
