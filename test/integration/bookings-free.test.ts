import { describe, expect, it } from 'vitest';
import { createTenant, useTestApp } from '../support/app.ts';
import {
  book,
  bookingRequest,
  createWorkshop,
  DAY,
  eventsOf,
  getJson,
  manageParts,
  postJson,
  seatState,
} from '../support/bookings.ts';
import { queuedEmails } from '../support/emails.ts';
import { bookAs, SSO_ENV, signInImmersioStudent } from '../support/immersio-sso.ts';

const app = useTestApp({ env: SSO_ENV });

describe('POST /api/v1/public/bookings (free workshop)', () => {
  it('confirms at once: 201, BOOKING_CREATED with the real id, confirmation and staff e-mails', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 3 });
    const { status, body } = await book(app, bookingRequest(t, w, ' Ana@Example.TEST '));
    expect(status).toBe(201);
    expect(body).toEqual({
      booking: {
        uid: expect.stringMatching(/^booking_[a-f0-9]{20}$/),
        status: 'accepted',
        title: 'Evening Spanish',
        startTime: w.sessions[0]!.startTime.toISOString(),
        endTime: w.sessions[0]!.endTime.toISOString(),
        paid: false,
      },
      payment: null,
      manageUrl: expect.stringMatching(
        /^http:\/\/localhost:3000\/bookings\/booking_[a-f0-9]{20}\?token=[\w-]{43}$/,
      ),
    });
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 3, booked: 1, live: 1 });

    const [created] = await eventsOf(app, t.tenantId, 'BOOKING_CREATED');
    expect(created.data.booking).toMatchObject({
      id: expect.any(Number),
      uid: body.booking.uid,
      workshopId: w.id,
      eventTypeId: w.eventTypeId,
      status: 'accepted',
      attendee: { email: 'ana@example.test', name: 'Ana Student', timeZone: 'America/New_York' },
      payment: { amount: 0, currency: 'USD', paid: false, stripePaymentId: null },
    });
    expect(created.data.booking.id).not.toBe(0);
    expect(created.data.tenant).toEqual({ id: t.tenantId, slug: t.slug, immersioOrgId: null });
    const emails = await queuedEmails(app, t.tenantId);
    expect(emails.map((e) => e.to).sort()).toEqual(['ana@example.test', t.owner.email].sort());
    expect(emails.find((e) => e.to === 'ana@example.test')!.subject).toMatch(
      /^Booking confirmed: Evening Spanish/,
    );
  });

  it('the manage link shows the booking; a wrong token is 404 BOOKING_NOT_FOUND', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const { body } = await book(app, bookingRequest(t, w, 'view@example.test'));
    const { uid, token } = manageParts(body.manageUrl);
    const ok = await getJson(app, `/api/v1/public/bookings/${uid}?token=${token}`);
    expect(ok.status).toBe(200);
    expect(ok.body.booking).toMatchObject({
      uid,
      status: 'accepted',
      attendee: { email: 'view@example.test' },
    });
    // Confirmed: the meeting link is revealed.
    expect(ok.body.workshop.location).toEqual({ type: 'zoom', value: 'https://zoom.us/j/999-secret' });
    expect(ok.body.cancellation).toMatchObject({ allowed: true, refundEligible: false });
    for (const bad of [`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'x']) {
      const denied = await getJson(app, `/api/v1/public/bookings/${uid}?token=${bad}`);
      expect(denied.status).toBe(404);
      expect(denied.body).toEqual({ error: 'Booking not found', code: 'BOOKING_NOT_FOUND' });
    }
  });

  it('one seat per email per session; the last seat then 409 NO_SEATS_AVAILABLE', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 2 });
    expect((await book(app, bookingRequest(t, w, 'a@example.test'))).status).toBe(201);
    const again = await book(app, bookingRequest(t, w, 'A@example.test'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect((await book(app, bookingRequest(t, w, 'b@example.test'))).status).toBe(201);
    const full = await book(app, bookingRequest(t, w, 'c@example.test'));
    expect(full.status).toBe(409);
    expect(full.body).toEqual({ error: 'This session is fully booked', code: 'NO_SEATS_AVAILABLE' });
    // The other session still has room.
    const next = await book(
      app,
      bookingRequest(t, w, 'c@example.test', { startTime: w.sessions[1]!.startTime.toISOString() }),
    );
    expect(next.status).toBe(201);
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 2, booked: 2, live: 2 });
  });

  it('errors: unknown tenant, unknown/draft workshop, no such session, started session, bad input', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const req = bookingRequest(t, w, 'e@example.test');
    expect((await book(app, { ...req, tenantSlug: 'no-such-school' })).body.code).toBe('TENANT_NOT_FOUND');
    expect((await book(app, { ...req, workshopSlug: 'nope' })).body.code).toBe('WORKSHOP_NOT_FOUND');
    const draft = await t.owner.client.immersio.workshop.create.mutate({
      title: 'Drafty',
      duration: 60,
      price: 0,
      seats: 3,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
      teacherId: t.owner.id,
    });
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: draft.id, status: 'draft' });
    expect((await book(app, { ...req, workshopSlug: draft.slug })).status).toBe(404);
    const wrongTime = await book(app, { ...req, startTime: new Date(Date.now() + 5 * DAY).toISOString() });
    expect(wrongTime.status).toBe(404);
    expect(wrongTime.body.code).toBe('NOT_FOUND');

    app.clock.advance(4 * DAY);
    try {
      const started = await book(app, req);
      expect(started.status).toBe(409);
      expect(started.body.code).toBe('BOOKING_CLOSED');
    } finally {
      app.clock.advance(-4 * DAY);
    }

    for (const bad of [
      { ...req, attendee: { ...req.attendee, timeZone: 'Mars/Olympus' } },
      { ...req, attendee: { ...req.attendee, email: 'not-an-email' } },
      { ...req, startTime: 'tomorrow' },
      { ...req, extra: true },
      {},
    ]) {
      const res = await book(app, bad as typeof req);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
    }
    const notJson = await fetch(`${app.baseUrl}/api/v1/public/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"tenantSlug":',
    });
    expect(notJson.status).toBe(400);
  });

  it('whitelist: listed email or Immersio student id books, anyone else 403 WHITELIST_DENIED', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { whitelistEnabled: true, whitelistEmails: ['listed@example.test'] });
    await t.owner.client.immersio.workshop.updateWhitelist.mutate({
      workshopId: w.id,
      mode: 'add',
      emails: [{ email: 'other@example.test', immersioStudentId: 'student_42' }],
    });
    expect((await book(app, bookingRequest(t, w, 'LISTED@example.test'))).status).toBe(201);
    const denied = await book(app, bookingRequest(t, w, 'stranger@example.test'));
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('WHITELIST_DENIED');
    // The student id counts only from a "Sign in with Immersio" session, never from the body.
    const claimed = await book(
      app,
      bookingRequest(t, w, 'new-address@example.test', { immersioStudentId: 'student_42' }),
    );
    expect(claimed.status).toBe(403);
    expect(claimed.body.code).toBe('FORBIDDEN');
    const student = await signInImmersioStudent(app, t.tenantId, { studentId: 'student_42' });
    const byId = await bookAs(app, student, bookingRequest(t, w, 'new-address@example.test'));
    expect(byId.status).toBe(201);
  });

  it('the plan’s monthly allowance: the lite plan stops at 30 bookings with 403', async () => {
    const t = await createTenant(app, { plan: 'lite' });
    const w = await createWorkshop(t, { seats: 100, recurrence: { frequency: 'none' } });
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) => book(app, bookingRequest(t, w, `s${i}@example.test`))),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(30);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.body.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('a student cancels through the manage link: the seat is free at once, BOOKING_CANCELLED sent', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 1 });
    const { body } = await book(app, bookingRequest(t, w, 'leaver@example.test'));
    const { uid, token } = manageParts(body.manageUrl);
    const res = await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, {
      token,
      reason: 'Schedule conflict',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      booking: { uid, status: 'cancelled' },
      refund: { eligible: false, status: 'not_applicable', amount: 0 },
    });
    expect((await book(app, bookingRequest(t, w, 'taker@example.test'))).status).toBe(201);
    const [cancelled] = await eventsOf(app, t.tenantId, 'BOOKING_CANCELLED');
    expect(cancelled.data).toMatchObject({
      booking: { uid, workshopId: w.id, cancelledBy: 'student', cancellationReason: 'Schedule conflict' },
      refund: { eligible: false, status: 'not_applicable' },
      tenant: { id: t.tenantId, slug: t.slug },
    });
    // Cancelling twice is harmless; a wrong token is 404.
    expect((await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token })).status).toBe(200);
    expect((await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token: 'nope' })).status).toBe(
      404,
    );
  });
});
