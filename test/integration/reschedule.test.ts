import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { queryRows } from '../../src/db/client.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  type TestApp,
  useTestApp,
} from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  DAY,
  eventsOf,
  getJson,
  manageParts,
  paymentsOf,
  postJson,
} from '../support/bookings.ts';
import { queuedEmails } from '../support/emails.ts';

// The student moves a booking to another free time from the manage link (issue 14, item 5): one
// transaction gives the old seat back and takes the new one, the payment stays, the invite keeps
// its UID with a higher SEQUENCE, and BOOKING_RESCHEDULED goes to Immersio.

const app = useTestApp();

let t: TenantFixture;
let teacher: Awaited<ReturnType<typeof addSignedInMember>>;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
  teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
});

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MORNINGS = Object.fromEntries(DAYS.map((day) => [day, [{ start: '09:00', end: '12:00' }]]));

/** A UTC date `n` days ahead no other test of this file uses. */
let dayOffset = 3;
function nextDate(): string {
  dayOffset += 1;
  return new Date(Date.now() + dayOffset * DAY).toISOString().slice(0, 10);
}
const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);
const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;

async function tutoring(
  overrides: Record<string, unknown> = {},
  fixture: TenantFixture = t,
  teacherId: number = teacher.id,
) {
  const { id: scheduleId } = await fixture.owner.client.immersio.availability.create.mutate({
    ...{ teacherId, name: 'Mornings (UTC)', timeZone: 'UTC', weeklyHours: MORNINGS as never, overrides: [] },
  });
  // Only the spec's fields: no start time makes it booked by slot.
  const title = `Tutoring ${randomBytes(3).toString('hex')}`;
  return createWorkshop(fixture, {
    ...{ title, teacherId, duration: 60, seats: 1, workshopType: 'tutoring', scheduleId },
    ...{ startTime: undefined, timeZone: undefined, recurrence: undefined, ...overrides },
  });
}

async function bookSlot(fixture: TenantFixture, slug: string, startTime: Date, address = email('ana')) {
  const res = await book(app, {
    tenantSlug: fixture.slug,
    workshopSlug: slug,
    startTime: startTime.toISOString(),
    attendee: { name: 'Ana Student', email: address, timeZone: 'Europe/Lisbon' },
  });
  return {
    res,
    email: address,
    ...(res.status === 201 ? manageParts(res.body.manageUrl) : { uid: '', token: '' }),
  };
}

function reschedule(target: TestApp, uid: string, token: string, startTime: Date) {
  return postJson(target, `/api/v1/public/bookings/${uid}/reschedule`, { token, startTime });
}

async function freeSlots(slug: string, date: string) {
  const answer = await getJson(
    app,
    `/api/v1/public/workshops/${slug}/slots?tenantSlug=${t.slug}&from=${date}&to=${date}&timeZone=UTC`,
  );
  return (answer.body.days[0].slots as Array<{ startTime: string }>).map((s) => s.startTime.slice(11, 16));
}

/** Every session of the workshop: its counter equals its live bookings and never exceeds its seats. */
async function seatsConsistent(target: TestApp, workshopId: number) {
  const rows = await queryRows<{ seats: number; booked: number; live: number }>(
    target.database.db,
    sql`select s.seats, s.booked_seats as booked,
          (select count(*)::int from bookings b where b.session_id = s.id
             and b.status in ('pending', 'accepted')) as live
        from workshop_sessions s where s.workshop_id = ${workshopId}`,
  );
  for (const row of rows) {
    expect(row.booked).toBe(row.live);
    expect(row.booked).toBeLessThanOrEqual(row.seats);
  }
  return rows;
}

async function bookingTimes(uid: string) {
  const [row] = await queryRows<{ startTime: Date; endTime: Date; icsSequence: number; sessionId: number }>(
    app.database.db,
    sql`select start_time as "startTime", end_time as "endTime", ics_sequence as "icsSequence",
          session_id as "sessionId" from bookings where uid = ${uid}`,
  );
  return { ...row!, startTime: new Date(row!.startTime), endTime: new Date(row!.endTime) };
}

function invite(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
  };
}

describe('rescheduling a booking from its manage link', () => {
  it('moves a slot booking: old slot free again, new one taken, e-mails with SEQUENCE 1, BOOKING_RESCHEDULED', async () => {
    const w = await tutoring();
    const date = nextDate();
    const booked = await bookSlot(t, w.slug, at(date, '09:00'));
    expect(booked.res.status).toBe(201);
    const before = await bookingTimes(booked.uid);

    const moved = await reschedule(app, booked.uid, booked.token, at(date, '11:00'));
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.response.headers.get('cache-control')).toBe('no-store');
    // The answer is the booking as the manage link shows it.
    expect(moved.body.booking).toMatchObject({
      uid: booked.uid,
      status: 'accepted',
      startTime: at(date, '11:00').toISOString(),
      endTime: at(date, '12:00').toISOString(),
    });
    expect(moved.body.cancellation.allowed).toBe(true);
    const get = await getJson(app, `/api/v1/public/bookings/${booked.uid}?token=${booked.token}`);
    expect(get.body).toEqual(moved.body);

    expect(await freeSlots(w.slug, date)).toEqual(['09:00', '10:00']);
    const after = await bookingTimes(booked.uid);
    expect(after).toMatchObject({ startTime: at(date, '11:00'), endTime: at(date, '12:00'), icsSequence: 1 });
    expect(after.sessionId).not.toBe(before.sessionId);
    const sessions = await seatsConsistent(app, w.id);
    expect(sessions.map((s) => s.booked).sort()).toEqual([0, 1]);

    const [event] = await eventsOf(app, t.tenantId, 'BOOKING_RESCHEDULED');
    expect(event.data.booking).toMatchObject({
      uid: booked.uid,
      workshopId: w.id,
      startTime: at(date, '11:00').toISOString(),
      endTime: at(date, '12:00').toISOString(),
      previousStartTime: at(date, '09:00').toISOString(),
      previousEndTime: at(date, '10:00').toISOString(),
      status: 'accepted',
      attendee: { email: booked.email, name: 'Ana Student', timeZone: 'Europe/Lisbon' },
      payment: { amount: 0, paid: false, stripePaymentId: null },
    });
    expect(event.data.tenant).toMatchObject({ id: t.tenantId, slug: t.slug });
    const [created] = (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter(
      (e) => e.data.booking.uid === booked.uid,
    );
    expect(event.data.booking.id).toBe(created.data.booking.id);

    const toStudent = await queuedEmails(app, t.tenantId, booked.email);
    const confirmation = toStudent.find((m) => m.subject.startsWith('Booking confirmed'))!;
    const notice = toStudent.find((m) => m.subject.startsWith('Booking moved'))!;
    expect(notice.text).toContain('Previous time');
    const first = invite(confirmation.attachments![0]!.content);
    const update = invite(notice.attachments![0]!.content);
    expect(update).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: 1 });
    expect(first.sequence).toBe(0);
    expect(update.start).toEqual(at(date, '11:00'));
    const toTeacher = await queuedEmails(app, t.tenantId, teacher.email);
    expect(toTeacher.filter((m) => m.subject.startsWith('Booking moved'))).toHaveLength(1);

    // A later cancellation's invite goes above the move's.
    const cancelled = await postJson(app, `/api/v1/public/bookings/${booked.uid}/cancel`, {
      token: booked.token,
    });
    expect(cancelled.status).toBe(200);
    const cancelMail = (await queuedEmails(app, t.tenantId, booked.email)).find((m) =>
      m.subject.startsWith('Booking cancelled'),
    )!;
    expect(invite(cancelMail.attachments![0]!.content)).toMatchObject({ method: 'CANCEL', sequence: 2 });
  });

  it('a paid booking keeps its payment when it moves to another session of its fixed schedule', async () => {
    const paidTenant = await createTenant(app);
    const accountId = `acct_${randomBytes(8).toString('hex')}`;
    await paidTenant.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: accountId,
      stripePublishableKey: 'pk_test_emulator0123',
    });
    const emulator = app.running.stripeEmulator as StripeEmulator;
    emulator.setWebhookUrl(`${app.baseUrl}/api/v1/webhooks/stripe`);
    const w = await createWorkshop(paidTenant, {
      price: 2500,
      currency: 'EUR',
      seats: 2,
      startTime: new Date(Math.ceil((Date.now() + 3 * DAY) / 60_000) * 60_000),
      recurrence: { frequency: 'weekly', count: 2 },
    });
    const address = email('paula');
    const held = await book(app, bookingRequest(paidTenant, w, address));
    expect(held.status).toBe(201);
    const { uid, token } = manageParts(held.body.manageUrl);
    const row = await bookingByUid(app, uid);

    // Awaiting payment: refused until paid.
    const early = await reschedule(app, uid, token, w.sessions[1]!.startTime);
    expect([early.status, early.body.code]).toEqual([409, 'CONFLICT']);

    await emulator.pay(row.stripeCheckoutSessionId!);
    const paid = await bookingByUid(app, uid);
    expect(paid).toMatchObject({ status: 'accepted', paid: true });
    const paymentsBefore = await paymentsOf(app, row.id);
    expect(paymentsBefore).toHaveLength(1);

    const moved = await reschedule(app, uid, token, w.sessions[1]!.startTime);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.booking).toMatchObject({
      startTime: w.sessions[1]!.startTime.toISOString(),
      paid: true,
    });
    expect(moved.body.payment).toMatchObject({ amount: 2500, currency: 'EUR', status: 'paid' });
    expect(await paymentsOf(app, row.id)).toEqual(paymentsBefore);
    expect((await bookingByUid(app, uid)).sessionId).toBe(w.sessions[1]!.id);
    const seats = await seatsConsistent(app, w.id);
    expect(seats.map((s) => s.booked).sort()).toEqual([0, 1]);
    const [event] = await eventsOf(app, paidTenant.tenantId, 'BOOKING_RESCHEDULED');
    expect(event.data.booking.payment).toEqual({
      amount: 2500,
      currency: 'EUR',
      paid: true,
      stripePaymentId: paymentsBefore[0]!.stripePaymentId,
    });
    // Not a session of this workshop: 400.
    const offGrid = await reschedule(
      app,
      uid,
      token,
      new Date(w.sessions[0]!.startTime.getTime() + 3_600_000),
    );
    expect([offGrid.status, offGrid.body.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('inside the cancellation notice: 400 CANCELLATION_CLOSED, nothing moves', async () => {
    const w = await tutoring({ cancellationNoticeHours: 24 * 90 });
    const date = nextDate();
    const booked = await bookSlot(t, w.slug, at(date, '09:00'));
    const refused = await reschedule(app, booked.uid, booked.token, at(date, '10:00'));
    expect([refused.status, refused.body.code]).toEqual([400, 'CANCELLATION_CLOSED']);
    expect(refused.body.error).toContain('can be moved online until 2160 hours before the start');
    expect(await bookingTimes(booked.uid)).toMatchObject({ startTime: at(date, '09:00'), icsSequence: 0 });
    expect(await freeSlots(w.slug, date)).toEqual(['10:00', '11:00']);
  });

  it('a taken slot is 409 NO_SEATS_AVAILABLE; an off-grid time 400; the same time 400; nothing moves', async () => {
    const w = await tutoring();
    const date = nextDate();
    const mine = await bookSlot(t, w.slug, at(date, '09:00'));
    const theirs = await bookSlot(t, w.slug, at(date, '10:00'));
    expect(theirs.res.status).toBe(201);
    const taken = await reschedule(app, mine.uid, mine.token, at(date, '10:00'));
    expect([taken.status, taken.body.code]).toEqual([409, 'NO_SEATS_AVAILABLE']);
    const offGrid = await reschedule(app, mine.uid, mine.token, at(date, '10:30'));
    expect([offGrid.status, offGrid.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    const same = await reschedule(app, mine.uid, mine.token, at(date, '09:00'));
    expect([same.status, same.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    const bad = await postJson(app, `/api/v1/public/bookings/${mine.uid}/reschedule`, {
      token: mine.token,
      startTime: 'tomorrow',
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(await bookingTimes(mine.uid)).toMatchObject({ startTime: at(date, '09:00'), icsSequence: 0 });
    expect(await freeSlots(w.slug, date)).toEqual(['11:00']);
    await seatsConsistent(app, w.id);
    const events = await eventsOf(app, t.tenantId, 'BOOKING_RESCHEDULED');
    expect(events.filter((e) => e.data.booking.uid === mine.uid)).toEqual([]);
  });

  it('a wrong token or unknown booking is 404 BOOKING_NOT_FOUND, as cancelling is', async () => {
    const w = await tutoring();
    const date = nextDate();
    const booked = await bookSlot(t, w.slug, at(date, '09:00'));
    const wrong = await reschedule(app, booked.uid, `${booked.token}x`, at(date, '10:00'));
    expect([wrong.status, wrong.body.code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    const cancel = await postJson(app, `/api/v1/public/bookings/${booked.uid}/cancel`, { token: 'x' });
    expect(cancel.status).toBe(wrong.status);
    const unknown = await reschedule(app, 'booking_00000000000000000000', booked.token, at(date, '10:00'));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    expect(await bookingTimes(booked.uid)).toMatchObject({ startTime: at(date, '09:00') });
  });

  it('another tenant’s workshop time is not a time of this booking: 400, nothing moves', async () => {
    const other = await createTenant(app, { plan: 'enterprise' });
    const w = await tutoring();
    const date = nextDate();
    const booked = await bookSlot(t, w.slug, at(date, '09:00'));
    // Their workshop has a session at 10:30 (off this workshop's grid) made by a booking there.
    const their = await tutoring({ slotIntervalMinutes: 30 }, other, other.owner.id);
    expect((await bookSlot(other, their.slug, at(date, '10:30'))).res.status).toBe(201);
    const crossed = await reschedule(app, booked.uid, booked.token, at(date, '10:30'));
    expect([crossed.status, crossed.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(await bookingTimes(booked.uid)).toMatchObject({ startTime: at(date, '09:00'), icsSequence: 0 });
  });

  it('the manage page offers the free times as a form that works without JavaScript', async () => {
    const w = await tutoring();
    const date = nextDate();
    const booked = await bookSlot(t, w.slug, at(date, '09:00'));
    const pageUrl = `${app.baseUrl}/bookings/${booked.uid}?token=${encodeURIComponent(booked.token)}`;
    const html = await (await fetch(pageUrl)).text();
    expect(html).toContain('<h2>Change time</h2>');
    expect(html).toContain(`action="/bookings/${booked.uid}/reschedule"`);
    expect(html).toContain(`value="${at(date, '10:00').toISOString()}"`);
    // Not its own time; times in the student's zone (Lisbon is UTC+0 or +1).
    expect(html).not.toContain(`name="startTime" value="${at(date, '09:00').toISOString()}"`);
    expect(html).toContain('(Europe/Lisbon)');

    const post = (startTime: string) =>
      fetch(`${app.baseUrl}/bookings/${booked.uid}/reschedule`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: booked.token, startTime }).toString(),
        redirect: 'manual',
      });
    const moved = await post(at(date, '10:00').toISOString());
    expect(moved.status).toBe(303);
    const location = moved.headers.get('location')!;
    expect(location).toContain('&moved=1');
    const after = await (await fetch(new URL(location, app.baseUrl))).text();
    expect(after).toContain('Your booking has moved');
    expect(await bookingTimes(booked.uid)).toMatchObject({ startTime: at(date, '10:00'), icsSequence: 1 });

    // A time someone took meanwhile: the page again, with the reason and the other times.
    expect((await bookSlot(t, w.slug, at(date, '11:00'))).res.status).toBe(201);
    const refused = await post(at(date, '11:00').toISOString());
    expect(refused.status).toBe(409);
    const again = await refused.text();
    expect(again).toContain('role="alert"');
    expect(again).toContain('no longer free');
    expect(again).toContain(`value="${at(date, '09:00').toISOString()}"`);
    const none = await post('');
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Please choose a new time.');
    const wrong = await fetch(`${app.baseUrl}/bookings/${booked.uid}/reschedule`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'nope', startTime: at(date, '09:00').toISOString() }).toString(),
    });
    expect(wrong.status).toBe(404);
  });

  it('a reschedule racing a booking for the same 1:1 slot: exactly one wins every time, seats agree', async () => {
    const racer = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const w = await tutoring({}, t, racer.id);
    let moves = 0;
    let bookings = 0;
    for (let round = 0; round < 25; round++) {
      const date = new Date(Date.now() + (20 + round) * DAY).toISOString().slice(0, 10);
      const mine = await bookSlot(t, w.slug, at(date, '09:00'));
      expect(mine.res.status).toBe(201);
      const [move, other] = await Promise.all([
        reschedule(app, mine.uid, mine.token, at(date, '10:00')),
        bookSlot(t, w.slug, at(date, '10:00')),
      ]);
      const won = move.status === 200;
      expect([move.status, other.res.status], JSON.stringify([move.body, other.res.body])).toEqual(
        won ? [200, 409] : [409, 201],
      );
      expect((won ? other.res.body : move.body).code).toBe('NO_SEATS_AVAILABLE');
      if (won) moves += 1;
      else bookings += 1;
      const where = await bookingTimes(mine.uid);
      expect(where.startTime).toEqual(at(date, won ? '10:00' : '09:00'));
    }
    const rows = await seatsConsistent(app, w.id);
    // Every round leaves two booked seats (the mover's and, if it lost, the other's) or one.
    expect(rows.reduce((n, r) => n + r.booked, 0)).toBe(moves + 2 * bookings);
    expect(moves + bookings).toBe(25);
  });
});
