import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import {
  addSignedInMember,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcError,
  unique,
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
  ownHours,
  paymentsOf,
  postJson,
  seatState,
  waitFor,
} from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';
import { bookAs, SSO_ENV, signInImmersioStudent } from '../support/immersio-sso.ts';
import { sentMail } from '../support/mail.ts';
import { buyPass, createPass, emulatorOf, passOf, stripeTenant } from '../support/passes.ts';

// Booking with a class pass (issue 16): one credit per booking, taken in the seat's transaction;
// a cancellation inside the refund window gives it back.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000', ...SSO_ENV } });
const PRICE = 2500;

afterEach(() => {
  app.clock.offsetMs = 0;
});

function paidWorkshop(t: TenantFixture, overrides: Record<string, unknown> = {}) {
  return createWorkshop(t, {
    price: PRICE,
    currency: 'EUR',
    seats: 5,
    startTime: new Date(Date.now() + 5 * DAY + ownHours()),
    recurrence: { frequency: 'none' },
    ...overrides,
  });
}

const student = (name: string) => `${unique(name)}@example.test`;

async function ledgerOf(passUid: string) {
  return queryRows<{ kind: string; delta: number; balanceAfter: number; bookingId: number | null }>(
    app.database.db,
    sql`select e.kind, e.delta, e.balance_after as "balanceAfter", e.booking_id as "bookingId"
        from pass_credit_entries e join student_passes sp on sp.id = e.student_pass_id
        where sp.uid = ${passUid} order by e.id`,
  );
}

async function creditsOf(passUid: string) {
  const [row] = await queryRows<{ credits: number }>(
    app.database.db,
    sql`select credits_remaining as credits from student_passes where uid = ${passUid}`,
  );
  return row!.credits;
}

describe('booking a paid class with a class pass', () => {
  it('is confirmed at once with no checkout: one credit taken, BOOKING_CREATED paid by the pass', async () => {
    const t = await stripeTenant(app);
    const w = await paidWorkshop(t);
    const pass = await createPass(t, { classes: 3 });
    const email = student('holder');
    const bought = await buyPass(app, t, pass.id, email);
    const checkoutsBefore = emulatorOf(app).requests.filter((r) => r.path === '/v1/checkout/sessions').length;

    const res = await book(app, bookingRequest(t, w, email));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      booking: { status: 'accepted', paid: true },
      payment: null,
      pass: { uid: bought.uid, name: 'Ten classes', creditsRemaining: 2 },
    });
    expect(emulatorOf(app).requests.filter((r) => r.path === '/v1/checkout/sessions')).toHaveLength(
      checkoutsBefore,
    );
    const row = await bookingByUid(app, res.body.booking.uid);
    expect(row).toMatchObject({ status: 'accepted', paid: true, stripeCheckoutSessionId: null });
    expect(await paymentsOf(app, row.id)).toEqual([]);
    expect(await seatState(app, w.sessions[0]!.id)).toMatchObject({ booked: 1, live: 1 });
    expect(await ledgerOf(bought.uid)).toEqual([
      { kind: 'purchase', delta: 3, balanceAfter: 3, bookingId: null },
      { kind: 'booking', delta: -1, balanceAfter: 2, bookingId: row.id },
    ]);
    const [created] = (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter(
      (e) => e.data.booking.uid === row.uid,
    );
    expect(created.data.booking).toMatchObject({
      status: 'accepted',
      payment: { amount: 0, currency: 'EUR', paid: true, stripePaymentId: null },
      metadata: { passUid: bought.uid },
    });
    const view = await passOf(app, bought);
    expect(view.pass).toMatchObject({ status: 'active', classes: 3, creditsRemaining: 2 });
    expect(view.history[0]).toMatchObject({
      kind: 'booking',
      change: -1,
      balance: 2,
      booking: { title: 'Evening Spanish' },
    });
  });

  it('a cancellation inside the refund window gives the credit back; outside it does not', async () => {
    const t = await stripeTenant(app);
    const inside = await paidWorkshop(t);
    const outside = await paidWorkshop(t, { refundWindowHours: 24 * 30, cancellationNoticeHours: 0 });
    const pass = await createPass(t, { classes: 2 });
    const email = student('canceller');
    const bought = await buyPass(app, t, pass.id, email);

    const first = await book(app, bookingRequest(t, inside, email));
    const second = await book(app, bookingRequest(t, outside, email));
    expect([first.body.booking.paid, second.body.booking.paid]).toEqual([true, true]);
    expect(await creditsOf(bought.uid)).toBe(0);

    // The manage link says what paid and what cancelling gives back.
    const parts = manageParts(first.body.manageUrl);
    const shown = await getJson(
      app,
      `/api/v1/public/bookings/${parts.uid}?token=${encodeURIComponent(parts.token)}`,
    );
    expect(shown.body).toMatchObject({
      booking: { paid: true },
      payment: null,
      pass: { uid: bought.uid, name: 'Ten classes', returned: false },
      cancellation: { allowed: true, refundEligible: true, refundAmount: 0 },
    });
    const page = await (
      await fetch(first.body.manageUrl.replace('http://localhost:3000', app.baseUrl))
    ).text();
    expect(page).toContain('Paid with your class pass &quot;Ten classes&quot;');
    expect(page).toContain('the class goes back on your pass');
    const firstId = (await bookingByUid(app, first.body.booking.uid)).id;
    expect(
      await trpcError(t.owner.client.immersio.booking.refund.mutate({ bookingId: firstId, force: true })),
    ).toMatchObject({ appCode: 'REFUND_NOT_ELIGIBLE', message: expect.stringMatching(/class pass/) });

    const cancel = async (manageUrl: string) => {
      const { uid, token } = manageParts(manageUrl);
      return postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token });
    };
    const back = await cancel(first.body.manageUrl);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.refund).toMatchObject({
      eligible: true,
      withinWindow: true,
      status: 'not_applicable',
      amount: 0,
    });
    expect(await creditsOf(bought.uid)).toBe(1);
    const after = await (
      await fetch(first.body.manageUrl.replace('http://localhost:3000', app.baseUrl))
    ).text();
    expect(after).toContain('The class has been given back to your pass &quot;Ten classes&quot;.');
    // A second cancellation of the same booking gives nothing more.
    expect((await cancel(first.body.manageUrl)).status).toBe(200);
    expect(await creditsOf(bought.uid)).toBe(1);

    const kept = await cancel(second.body.manageUrl);
    expect(kept.body.refund).toMatchObject({ eligible: false, withinWindow: false, amount: 0 });
    expect(await creditsOf(bought.uid)).toBe(1);
    const firstRow = await bookingByUid(app, first.body.booking.uid);
    expect((await ledgerOf(bought.uid)).map((e) => [e.kind, e.delta, e.balanceAfter])).toEqual([
      ['purchase', 2, 2],
      ['booking', -1, 1],
      ['booking', -1, 0],
      ['booking_return', 1, 1],
    ]);
    const [cancelled] = (await eventsOf(app, t.tenantId, 'BOOKING_CANCELLED')).filter(
      (e) => e.data.booking.id === firstRow.id,
    );
    expect(cancelled.data.refund).toMatchObject({ eligible: true, status: 'not_applicable', amount: 0 });
    const notices = await waitFor(async () => {
      const found = (await sentMail(app, email)).filter((m) => m.subject.startsWith('Booking cancelled'));
      return found.length === 2 && found;
    });
    expect(
      notices.map((m) => m.text.includes('The class has been given back to your class pass.')).sort(),
    ).toEqual([false, true]);
    expect(notices.some((m) => m.text.includes('the class is not given back to your class pass'))).toBe(true);
  });

  it('BOOKING_RESCHEDULED names the pass, whether the student or staff moved the booking', async () => {
    const t = await stripeTenant(app);
    const w = await paidWorkshop(t, {
      startTime: new Date(Math.ceil((Date.now() + 5 * DAY) / 60_000) * 60_000 + ownHours()),
      recurrence: { frequency: 'weekly', count: 2 },
    });
    const pass = await createPass(t, { classes: 1 });
    const email = student('mover');
    const bought = await buyPass(app, t, pass.id, email);
    const res = await book(app, bookingRequest(t, w, email));
    expect(res.body).toMatchObject({ booking: { paid: true }, pass: { uid: bought.uid } });
    const { uid, token } = manageParts(res.body.manageUrl);
    const moved = await postJson(app, `/api/v1/public/bookings/${uid}/reschedule`, {
      token,
      startTime: w.sessions[1]!.startTime,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const later = new Date(w.sessions[1]!.startTime.getTime() + DAY);
    await t.owner.client.immersio.workshop.moveSession.mutate({
      sessionId: w.sessions[1]!.id,
      startTime: later,
    });
    const events = (await eventsOf(app, t.tenantId, 'BOOKING_RESCHEDULED')).filter(
      (e) => e.data.booking.uid === uid,
    );
    expect(events.map((e) => [e.data.booking.startTime, e.data.booking.metadata.passUid])).toEqual([
      [w.sessions[1]!.startTime.toISOString(), bought.uid],
      [later.toISOString(), bought.uid],
    ]);
    expect(events[0].data.booking.payment).toEqual({
      amount: 0,
      currency: 'EUR',
      paid: true,
      stripePaymentId: null,
    });
    // A booking paid at checkout names no pass.
    const other = await paidWorkshop(t, {
      startTime: new Date(Math.ceil((Date.now() + 6 * DAY) / 60_000) * 60_000 + ownHours()),
    });
    const checkout = await book(app, bookingRequest(t, other, student('card')));
    const row = await bookingByUid(app, checkout.body.booking.uid);
    await emulatorOf(app).pay(row.stripeCheckoutSessionId!);
    await waitFor(async () => (await bookingByUid(app, row.uid)).status === 'accepted');
    await t.owner.client.immersio.workshop.moveSession.mutate({
      sessionId: other.sessions[0]!.id,
      startTime: new Date(other.sessions[0]!.startTime.getTime() + DAY),
    });
    const [card] = (await eventsOf(app, t.tenantId, 'BOOKING_RESCHEDULED')).filter(
      (e) => e.data.booking.uid === row.uid,
    );
    expect(card.data.booking.metadata.passUid).toBeUndefined();
    expect(card.data.booking.payment.stripePaymentId).toEqual(expect.any(String));
  });

  it('staff cancelling a pass booking always give the credit back', async () => {
    const t = await stripeTenant(app);
    const w = await paidWorkshop(t, { refundWindowHours: 24 * 30, cancellationNoticeHours: 0 });
    const pass = await createPass(t, { classes: 1 });
    const email = student('staff-cancel');
    const bought = await buyPass(app, t, pass.id, email);
    const res = await book(app, bookingRequest(t, w, email));
    const row = await bookingByUid(app, res.body.booking.uid);
    const out = await t.owner.client.immersio.booking.cancel.mutate({ bookingId: row.id });
    expect(out.refund).toMatchObject({ eligible: true, amount: 0 });
    expect(await creditsOf(bought.uid)).toBe(1);
  });

  it('an expired pass, another workshop or usePass: false pay at checkout', async () => {
    const t = await stripeTenant(app);
    const covered = await paidWorkshop(t);
    const other = await paidWorkshop(t);
    const pass = await createPass(t, { classes: 1, validDays: 1, workshopIds: [covered.id] });
    const email = student('limits');
    const bought = await buyPass(app, t, pass.id, email);

    // Not a workshop it pays for.
    const elsewhere = await book(app, bookingRequest(t, other, email));
    expect(elsewhere.body).toMatchObject({
      booking: { status: 'pending', paid: false },
      payment: { amount: PRICE },
    });
    // The student chose to pay.
    const optOut = await book(app, {
      ...bookingRequest(t, covered, student('not-holder')),
      usePass: false,
    } as never);
    expect(optOut.status).toBe(201);
    const declined = await book(app, { ...bookingRequest(t, covered, email), usePass: false } as never);
    expect(declined.body).toMatchObject({ booking: { status: 'pending' }, payment: { amount: PRICE } });
    expect(await creditsOf(bought.uid)).toBe(1);

    // Expired: a day and a bit later.
    const later = await paidWorkshop(t, { startTime: new Date(Date.now() + 6 * DAY + ownHours()) });
    await t.owner.client.immersio.pass.update.mutate({ passId: pass.id, workshopIds: null });
    const wide = await createPass(t, { classes: 1, validDays: 1 });
    const second = student('expiry');
    await buyPass(app, t, wide.id, second);
    app.clock.advance(DAY + 60_000);
    const expired = await book(app, bookingRequest(t, later, second));
    expect(expired.body).toMatchObject({ booking: { status: 'pending' }, payment: { amount: PRICE } });
  });

  it('passes are matched by e-mail, case aside, and never pay for a free class', async () => {
    const t = await stripeTenant(app);
    const free = await createWorkshop(t, { price: 0, recurrence: { frequency: 'none' } });
    const paid = await paidWorkshop(t);
    const pass = await createPass(t, { classes: 2 });
    const email = student('case');
    const bought = await buyPass(app, t, pass.id, email);
    const freeBooking = await book(app, bookingRequest(t, free, email));
    expect(freeBooking.body).toMatchObject({ booking: { status: 'accepted', paid: false }, payment: null });
    expect(freeBooking.body.pass).toBeUndefined();
    const upper = await book(app, bookingRequest(t, paid, email.toUpperCase()));
    expect(upper.body).toMatchObject({
      booking: { status: 'accepted', paid: true },
      pass: { uid: bought.uid },
    });
    expect(await creditsOf(bought.uid)).toBe(1);
  });
});

describe('slot-booked classes', () => {
  it('a single slot takes one credit; a recurring series one per occurrence, or pays when too few are left', async () => {
    const t = await stripeTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const schedule = await t.owner.client.immersio.availability.create.mutate({
      teacherId: teacher.id,
      name: 'Mornings',
      timeZone: 'UTC',
      weeklyHours: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
          d,
          [{ start: '09:00', end: '12:00' }],
        ]),
      ) as never,
      overrides: [],
    });
    const slotWorkshop = (recurrence: Record<string, unknown>) =>
      createWorkshop(t, {
        title: `Tutoring ${unique('slot')}`,
        teacherId: teacher.id,
        duration: 60,
        seats: 1,
        price: PRICE,
        currency: 'EUR',
        workshopType: 'tutoring',
        scheduleId: schedule.id,
        startTime: undefined,
        timeZone: undefined,
        recurrence,
      });
    const single = await slotWorkshop({ frequency: 'none' });
    const weekly = await slotWorkshop({ frequency: 'weekly', count: 3 });
    const at = (days: number, hour: number) => {
      const d = new Date(Date.now() + days * DAY);
      d.setUTCHours(hour, 0, 0, 0);
      return d.toISOString();
    };
    const pass = await createPass(t, { classes: 4 });
    const email = student('slots');
    const bought = await buyPass(app, t, pass.id, email);
    const slotRequest = (w: { slug: string }, startTime: string) =>
      bookingRequest(t, { slug: w.slug, sessions: [{ startTime: new Date(startTime) }] }, email);

    const one = await book(app, slotRequest(single, at(3, 9)));
    expect(one.body, JSON.stringify(one.body)).toMatchObject({ booking: { status: 'accepted', paid: true } });
    const series = await book(app, slotRequest(weekly, at(4, 10)));
    expect(series.body, JSON.stringify(series.body)).toMatchObject({
      booking: { status: 'accepted', paid: true },
      payment: null,
      pass: { uid: bought.uid, creditsRemaining: 0 },
    });
    expect(series.body.series.bookings).toHaveLength(3);
    expect(
      (await ledgerOf(bought.uid)).filter((e) => e.kind === 'booking').map((e) => e.balanceAfter),
    ).toEqual([3, 2, 1, 0]);

    await t.owner.client.immersio.pass.adjustCredits.mutate({
      studentPassId: (await t.owner.client.immersio.pass.listHolders.query({})).items[0]!.id,
      delta: 2,
      reason: 'Two more',
    });
    const tooFew = await book(app, slotRequest(weekly, at(5, 11)));
    expect(tooFew.body).toMatchObject({ booking: { status: 'pending' }, payment: { amount: PRICE * 3 } });
    expect(await creditsOf(bought.uid)).toBe(2);
  });
});

describe('a pass bought by a signed-in Immersio student', () => {
  it('is theirs: it pays for their bookings whatever address they book with', async () => {
    const t = await stripeTenant(app);
    const w = await paidWorkshop(t);
    const pass = await createPass(t, { classes: 2 });
    const session = await signInImmersioStudent(app, t.tenantId, { studentId: unique('stu') });
    // Bought with the student's session: the pass is bound to them.
    const bought = await fetch(`${app.baseUrl}/api/v1/public/passes/${pass.id}/purchase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.sessionToken}` },
      body: JSON.stringify({ buyer: { name: 'Signed In', email: student('bought-with') } }),
    });
    const body = (await bought.json()) as { pass: { uid: string }; checkoutUrl: string };
    expect(bought.status).toBe(201);
    const paid = await emulatorOf(app).pay(new URL(body.checkoutUrl).pathname.split('/').pop()!);
    expect(paid.deliveries.map((d) => d.status)).toEqual([200]);
    const [row] = await queryRows<{ studentId: string | null }>(
      app.database.db,
      sql`select immersio_student_id as "studentId" from student_passes where uid = ${body.pass.uid}`,
    );
    expect(row).toEqual({ studentId: session.studentId });

    const booked = await bookAs(app, session, bookingRequest(t, w, student('another-address')));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({
      booking: { status: 'accepted', paid: true },
      pass: { uid: body.pass.uid },
    });
    // Without the session, that address has no pass.
    const anonymous = await book(app, bookingRequest(t, w, student('another-address')));
    expect(anonymous.body).toMatchObject({ booking: { status: 'pending' } });
  });
});

describe('the last credit of a pass', () => {
  /**
   * `racers` bookings by the pass's holder, each for its own session, sent at once (round robin
   * over `targets`) at a pass with `credits` left: exactly `credits` are paid by the pass and
   * confirmed, the others hold their seat for checkout, and the ledger has one row per credit.
   */
  async function race(targets: TestApp[], credits: number, racers: number) {
    const [first] = targets as [TestApp];
    const t = await stripeTenant(first);
    const w = await createWorkshop(t, {
      price: PRICE,
      currency: 'EUR',
      seats: 3,
      startTime: new Date(Date.now() + 5 * DAY + ownHours()),
      recurrence: { frequency: 'weekly', count: racers },
    });
    const pass = await createPass(t, { classes: credits });
    const email = student('racer');
    const bought = await buyPass(first, t, pass.id, email);
    const results = await Promise.all(
      w.sessions.map((session, i) =>
        book(
          targets[i % targets.length]!,
          bookingRequest(t, w, email, { startTime: session.startTime.toISOString() }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(racers).fill(201));
    const byPass = results.filter((r) => r.body.booking.status === 'accepted');
    expect(byPass).toHaveLength(credits);
    for (const r of byPass) expect(r.body).toMatchObject({ booking: { paid: true }, payment: null });
    const atCheckout = results.filter((r) => r.body.booking.status === 'pending');
    expect(atCheckout).toHaveLength(racers - credits);
    for (const r of atCheckout) expect(r.body.payment).toMatchObject({ amount: PRICE, currency: 'EUR' });
    const [row] = await queryRows<{ credits: number; debits: number; bookings: number }>(
      first.database.db,
      sql`select sp.credits_remaining as credits,
                 (select count(*)::int from pass_credit_entries e
                  where e.student_pass_id = sp.id and e.kind = 'booking') as debits,
                 (select count(*)::int from bookings b
                  where b.tenant_id = sp.tenant_id and b.paid and b.status = 'accepted') as bookings
          from student_passes sp where sp.uid = ${bought.uid}`,
    );
    expect(row).toEqual({ credits: 0, debits: credits, bookings: credits });
  }

  it('two bookings racing for the last credit: one is paid by the pass, the other goes to checkout', async () => {
    await race([app], 1, 2);
  });

  it('eight bookings racing for two credits: two are paid by the pass', async () => {
    await race([app], 2, 8);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the same with two app instances on one PostgreSQL database',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database, env: { HOLD_SWEEP_MS: '3600000' } });
      const two = await startTestApp({ database, env: { HOLD_SWEEP_MS: '3600000' } });
      try {
        await race([one, two], 1, 2);
        await race([one, two], 3, 12);
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});
