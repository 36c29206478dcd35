import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import {
  book,
  bookingRequest,
  createWorkshop,
  eventsOf,
  getJson,
  manageParts,
  outboxSettled,
  postJson,
  seatState,
} from '../support/bookings.ts';
import {
  course,
  enrol,
  enrolmentRows,
  enrolRequest,
  payEnrolment,
  payingSchool,
  studentEmail,
} from '../support/enrolments.ts';
import { sentMail } from '../support/mail.ts';

// Whole-course enrolment (issue 16): every remaining session of a fixed-schedule workshop at once,
// all or nothing, paid at one checkout, managed and cancelled with one link.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
let t: TenantFixture;
beforeAll(async () => {
  t = await payingSchool(app);
});

const enrolAs = (slug: string, attendeeEmail: string, tenant: TenantFixture = t) =>
  enrol(app, tenant, slug, attendeeEmail);
const rowsOf = (uid: string) => enrolmentRows(app, t, uid);

async function liveSeatsOf(attendeeEmail: string) {
  const [row] = await queryRows<{ n: number }>(
    app.database.db,
    sql`select count(*)::int as n from bookings where attendee_email = ${attendeeEmail}
          and status in ('pending', 'accepted')`,
  );
  return row!.n;
}

describe('POST /api/v1/public/enrolments', () => {
  it('a free enrolment books every remaining session at once, announced per session, one e-mail, one link', async () => {
    const w = await course(t);
    const student = studentEmail('free');
    const res = await enrolAs(w.slug, student);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.response.headers.get('cache-control')).toBe('no-store');
    expect(res.body.enrolment).toMatchObject({
      status: 'accepted',
      sessionCount: 3,
      courseSessions: 3,
      amount: 0,
    });
    expect(res.body.enrolment.uid).toMatch(/^enrolment_[a-f0-9]{20}$/);
    expect(res.body.payment).toBeNull();
    expect(res.body.bookings.map((b: { startTime: string }) => b.startTime)).toEqual(
      w.sessions.map((s) => s.startTime.toISOString()),
    );
    expect(res.body.manageUrl).toMatch(new RegExp(`/enrolments/${res.body.enrolment.uid}\\?token=`));
    expect((await rowsOf(res.body.enrolment.uid)).map((r) => r.status)).toEqual(Array(3).fill('accepted'));
    for (const s of w.sessions) expect((await seatState(app, s.id)).booked).toBe(1);

    // Each session's booking sends the spec's BOOKING_CREATED, naming the enrolment in metadata.
    const created = (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter((e) =>
      res.body.bookings.some((b: { uid: string }) => b.uid === e.data.booking.uid),
    );
    expect(created).toHaveLength(3);
    for (const event of created) {
      expect(event.data.booking.metadata).toEqual({ enrolmentUid: res.body.enrolment.uid });
      expect(event.data.booking.id).toBeGreaterThan(0);
    }

    // One confirmation with the enrolment's link and an invite holding every session; staff hear once.
    await outboxSettled(app, t.tenantId);
    const mails = await sentMail(app, student);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Enrolment confirmed: .*, 3 sessions from /),
    ]);
    expect(mails[0]!.text).toContain(res.body.manageUrl);
    const invite = mails[0]!.attachments.find((a) => a.filename === 'invite.ics')!.content;
    expect(invite.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    const staff = (await sentMail(app, t.owner.email)).filter((m) => m.text.includes(student));
    expect(staff.map((m) => m.subject)).toEqual([expect.stringMatching(/^New booking/)]);

    // The manage link answers the enrolment; a wrong token or another id is not found.
    const { uid, token } = manageParts(res.body.manageUrl);
    const view = await getJson(app, `/api/v1/public/enrolments/${uid}?token=${token}`);
    expect(view.status).toBe(200);
    expect(view.body.enrolment).toMatchObject({ uid, status: 'accepted', sessionCount: 3 });
    expect(view.body.sessions).toHaveLength(3);
    expect(view.body.workshop.location.value).toBe('https://zoom.us/j/999-secret');
    expect(view.body.cancellation).toMatchObject({ allowed: true, refundAmount: 0 });
    expect((await getJson(app, `/api/v1/public/enrolments/${uid}?token=x${token}`)).body.code).toBe(
      'NOT_FOUND',
    );
    const bad = await getJson(app, `/api/v1/public/enrolments/booking_${'a'.repeat(20)}?token=${token}`);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    // A second enrolment for the same e-mail is refused: it already has those seats.
    const again = await enrolAs(w.slug, student);
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
  });

  it('a full session refuses the whole enrolment, naming it: no seat taken anywhere', async () => {
    const w = await course(t, { seats: 1 });
    const early = await book(
      app,
      bookingRequest(t, w, studentEmail('early'), { startTime: w.sessions[1]!.startTime.toISOString() }),
    );
    expect(early.status).toBe(201);
    const late = studentEmail('late');
    const refused = await enrolAs(w.slug, late);
    expect([refused.status, refused.body.code]).toEqual([409, 'NO_SEATS_AVAILABLE']);
    expect(refused.body.error).toMatch(
      /^Session 2 of 3 of the course \(.+\): This session is fully booked\. Nothing was booked$/,
    );
    expect(await liveSeatsOf(late)).toBe(0);
    expect((await seatState(app, w.sessions[0]!.id)).booked).toBe(0);
    expect((await seatState(app, w.sessions[2]!.id)).booked).toBe(0);
    const [row] = await queryRows<{ n: number }>(
      app.database.db,
      sql`select count(*)::int as n from enrolments where attendee_email = ${late}`,
    );
    expect(row!.n).toBe(0);
  });

  it('modes: session refuses enrolments, course refuses single bookings; slot-booked workshops have series', async () => {
    const bySession = await course(t, { enrolment: 'session' });
    const refused = await enrolAs(bySession.slug, studentEmail('mode'));
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.error).toMatch(/one session at a time/);
    expect((await book(app, bookingRequest(t, bySession, studentEmail('single')))).status).toBe(201);

    const byCourse = await course(t, { enrolment: 'course' });
    const single = await book(app, bookingRequest(t, byCourse, studentEmail('single')));
    expect([single.status, single.body.code]).toEqual([409, 'CONFLICT']);
    expect(single.body.error).toMatch(/sold as a whole course/);
    expect((await enrolAs(byCourse.slug, studentEmail('whole'))).status).toBe(201);

    const slots = await createWorkshop(t, {
      title: 'Tutoring by slot',
      seats: 1,
      workshopType: 'tutoring',
      startTime: undefined,
      timeZone: undefined,
      recurrence: undefined,
    });
    const bySlot = await enrolAs(slots.slug, studentEmail('slots'));
    expect([bySlot.status, bySlot.body.code]).toEqual([409, 'CONFLICT']);
    expect(bySlot.body.error).toMatch(/booked by time slot/);
  });

  it('bad input is a 400, unknown tenant or workshop a 404, the whitelist applies', async () => {
    const w = await course(t, { whitelistEnabled: true, whitelistEmails: ['listed-enrol@example.test'] });
    const cases: Array<[unknown, number, string]> = [
      [
        { ...enrolRequest(t, w.slug, 'x@example.test'), startTime: new Date().toISOString() },
        400,
        'VALIDATION_ERROR',
      ],
      [{ ...enrolRequest(t, w.slug, 'not-an-email') }, 400, 'VALIDATION_ERROR'],
      [
        { ...enrolRequest(t, w.slug, 'x@example.test'), tenantSlug: 'no-such-school' },
        404,
        'TENANT_NOT_FOUND',
      ],
      [{ ...enrolRequest(t, 'no-such-class', 'x@example.test') }, 404, 'WORKSHOP_NOT_FOUND'],
      [{ ...enrolRequest(t, w.slug, 'stranger@example.test') }, 403, 'WHITELIST_DENIED'],
      [{ ...enrolRequest(t, w.slug, 'x@example.test'), immersioStudentId: 'claimed' }, 403, 'FORBIDDEN'],
    ];
    for (const [body, status, code] of cases) {
      const res = await postJson(app, '/api/v1/public/enrolments', body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await enrolAs(w.slug, 'listed-enrol@example.test')).status).toBe(201);
    // Another school's workshop is not this school's.
    const other = await createTenant(app);
    expect((await enrolAs(w.slug, studentEmail('x'), other)).body.code).toBe('WORKSHOP_NOT_FOUND');
  });
});

describe('answers to the booking questions on POST /api/v1/public/enrolments', () => {
  const QUESTIONS = [
    { id: 'level', label: 'Your level', type: 'single_choice', required: true, options: ['A1', 'B1'] },
    { id: 'goals', label: 'Your goals', type: 'long_text', required: false },
    { id: 'consent', label: 'I agree to be recorded', type: 'checkbox', required: true },
  ];
  const answersOf = (uid: string) =>
    queryRows<{ answers: unknown }>(
      app.database.db,
      sql`select answers from bookings where tenant_id = ${t.tenantId} and series_uid = ${uid} order by start_time`,
    );
  const enrolWith = (slug: string, attendeeEmail: string, answers?: unknown) =>
    postJson(app, '/api/v1/public/enrolments', { ...enrolRequest(t, slug, attendeeEmail), answers });

  it('are checked like a booking: a missing required answer or a wrong one is 400 naming it, nothing booked', async () => {
    const w = await course(t, { questions: QUESTIONS });
    const student = studentEmail('unanswered');
    const missing = await enrolWith(w.slug, student, { consent: true });
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(missing.body.error).toContain('answers.level');
    expect(missing.body.error).toContain('Your level');
    const none = await enrolAs(w.slug, student);
    expect(none.status).toBe(400);
    expect(none.body.error).toContain('answers.consent');
    const wrong = await enrolWith(w.slug, student, { level: 'Z9', consent: true, shoeSize: '42' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toContain('answers.level');
    expect(wrong.body.error).toContain('answers.shoeSize');
    expect(await liveSeatsOf(student)).toBe(0);
    for (const s of w.sessions) expect((await seatState(app, s.id)).booked).toBe(0);
  });

  it('are stored on every session of a free enrolment and carried by each BOOKING_CREATED', async () => {
    const w = await course(t, { questions: QUESTIONS });
    const res = await enrolWith(w.slug, studentEmail('answered'), {
      level: 'B1',
      goals: '  Order <b>coffee</b> ',
      consent: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const uid = res.body.enrolment.uid as string;
    const stored = { level: 'B1', goals: 'Order <b>coffee</b>', consent: true };
    expect((await answersOf(uid)).map((r) => r.answers)).toEqual(Array(3).fill(stored));
    const created = (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter(
      (e) => e.data.booking.metadata.enrolmentUid === uid,
    );
    expect(created.map((e) => e.data.booking.metadata.answers)).toEqual(Array(3).fill(stored));
    const listed = await t.owner.client.immersio.workshop.getBookings.query({ workshopId: w.id });
    expect(listed.bookings.map((b) => b.answers)).toEqual(Array(3).fill(stored));
  });

  it('a paid enrolment keeps them through checkout', async () => {
    const w = await course(t, { questions: QUESTIONS, price: 1500, currency: 'EUR' });
    const res = await enrolWith(w.slug, studentEmail('paying'), { level: 'A1', consent: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const uid = res.body.enrolment.uid as string;
    await payEnrolment(app, t, uid);
    expect((await rowsOf(uid)).map((r) => r.status)).toEqual(Array(3).fill('accepted'));
    expect((await answersOf(uid)).map((r) => r.answers)).toEqual(
      Array(3).fill({ level: 'A1', consent: true }),
    );
    const created = (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter(
      (e) => e.data.booking.metadata.enrolmentUid === uid,
    );
    expect(created.map((e) => e.data.booking.metadata.answers)).toEqual(
      Array(3).fill({ level: 'A1', consent: true }),
    );
  });
});
