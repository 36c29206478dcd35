import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { queryRows } from '../../src/db/client.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import {
  book,
  bookingByUid,
  createWorkshop,
  DAY,
  getJson,
  manageParts,
  outboxSettled,
  paymentsOf,
  postJson,
  refundsOf,
} from '../support/bookings.ts';
import { sentMail } from '../support/mail.ts';

// Recurring slot series (issue 14): booking a slot of a recurring slot-booked workshop books every
// occurrence at the same local time, all or nothing, paid once.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const PRICE = 2000;

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
let t: TenantFixture & { accountId: string };

beforeAll(async () => {
  const tenant = await createTenant(app, { plan: 'enterprise' });
  const accountId = `acct_${randomBytes(8).toString('hex')}`;
  await tenant.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: accountId,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  t = { ...tenant, accountId };
});

function emulator(): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}

const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A new teacher (no other class) with 09:00–12:00 every day in `timeZone`, and days off. */
async function teacherWithHours(
  timeZone: string,
  daysOff: string[] = [],
): Promise<Member & { scheduleId: number }> {
  const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
  const schedule = await t.owner.client.immersio.availability.create.mutate({
    teacherId: teacher.id,
    name: `Mornings (${timeZone})`,
    timeZone,
    weeklyHours: Object.fromEntries(EVERY_DAY.map((d) => [d, [{ start: '09:00', end: '12:00' }]])) as never,
    overrides: daysOff.map((date) => ({ date, ranges: [] })),
  });
  return { ...teacher, scheduleId: schedule.id };
}

async function seriesWorkshop(
  teacher: Member & { scheduleId: number },
  overrides: Record<string, unknown> = {},
) {
  return createWorkshop(t, {
    title: `Weekly tutoring ${Math.random().toString(36).slice(2, 7)}`,
    teacherId: teacher.id,
    duration: 60,
    seats: 1,
    workshopType: 'tutoring',
    scheduleId: teacher.scheduleId,
    startTime: undefined,
    timeZone: undefined,
    recurrence: { frequency: 'weekly', count: 3 },
    ...overrides,
  });
}

/** 10:00 in `zone` on the date `days` from now. */
function tenOClock(days: number, zone = 'UTC'): Date {
  return DateTime.now()
    .setZone(zone)
    .plus({ days })
    .set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}

function request(slug: string, startTime: Date, email: string) {
  return {
    tenantSlug: t.slug,
    workshopSlug: slug,
    startTime: startTime.toISOString(),
    attendee: { name: 'Sam Student', email, timeZone: 'America/Los_Angeles' },
  };
}

const email = (name: string) => `${unique(name)}@example.test`;

async function seriesRows(seriesUid: string) {
  return queryRows<{
    uid: string;
    status: string;
    paid: boolean;
    startTime: Date;
    stripeCheckoutSessionId: string | null;
  }>(
    app.database.db,
    sql`select uid, status, paid, start_time as "startTime", stripe_checkout_session_id as "stripeCheckoutSessionId"
        from bookings where tenant_id = ${t.tenantId} and series_uid = ${seriesUid} order by start_time`,
  );
}

async function bookingsOf(slug: string, attendeeEmail: string) {
  return queryRows<{ status: string }>(
    app.database.db,
    sql`select b.status from bookings b join workshops w on w.id = b.workshop_id
          join event_types et on et.id = w.event_type_id
        where b.tenant_id = ${t.tenantId} and et.slug = ${slug} and b.attendee_email = ${attendeeEmail}`,
  );
}

describe('recurring slot series', () => {
  it('a free weekly series books every occurrence at the same time, each with its own manage link', async () => {
    const teacher = await teacherWithHours('UTC');
    const w = await seriesWorkshop(teacher);
    const first = tenOClock(7);
    const student = email('series');
    const res = await book(app, request(w.slug, first, student));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const starts = [0, 7, 14].map((d) => new Date(first.getTime() + d * DAY).toISOString());
    expect(res.body.booking).toMatchObject({ status: 'accepted', startTime: starts[0] });
    expect(res.body.series.bookings.map((b: { startTime: string }) => b.startTime)).toEqual(starts);
    expect(res.body.series.bookings[0].uid).toBe(res.body.booking.uid);
    const rows = await seriesRows(res.body.series.uid);
    expect(rows.map((r) => [r.status, new Date(r.startTime).toISOString()])).toEqual(
      starts.map((s) => ['accepted', s]),
    );

    // One confirmation lists every session with its own link; its invite has an event per session.
    await outboxSettled(app, t.tenantId);
    const mails = await sentMail(app, student);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Booking confirmed: .*, 3 sessions from /),
    ]);
    for (const b of res.body.series.bookings) expect(mails[0]!.text).toContain(b.manageUrl);
    const invite = mails[0]!.attachments.find((a) => a.filename === 'invite.ics')!.content;
    expect(invite.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    for (const b of res.body.series.bookings) expect(invite).toContain(`UID:${b.uid}@`);
    // Staff hear once, with every session.
    const staff = (await sentMail(app, teacher.email)).filter((m) => m.subject.startsWith('New booking'));
    expect(staff).toHaveLength(1);
    expect(staff[0]!.text).toContain('booked 3 sessions of');

    // Each occurrence is its own booking: the second's manage link cancels only it.
    const second = manageParts(res.body.series.bookings[1].manageUrl);
    const cancelled = await postJson(app, `/api/v1/public/bookings/${second.uid}/cancel`, {
      token: second.token,
    });
    expect(cancelled.status).toBe(200);
    expect((await seriesRows(res.body.series.uid)).map((r) => r.status)).toEqual([
      'accepted',
      'cancelled',
      'accepted',
    ]);
    // Its slot is free again for someone else (a single booking now: the series would hit the third).
    const date = starts[1]!.slice(0, 10);
    const slots = await getJson(
      app,
      `/api/v1/public/workshops/${w.slug}/slots?tenantSlug=${t.slug}&from=${date}&to=${date}&timeZone=UTC`,
    );
    expect(slots.body.days[0].slots.map((s: { startTime: string }) => s.startTime)).toContain(starts[1]);
  });

  it('a series is refused whole, naming the occurrence, when one occurrence is taken; nothing is booked', async () => {
    const teacher = await teacherWithHours('UTC');
    const w = await seriesWorkshop(teacher);
    const first = tenOClock(8);
    const third = new Date(first.getTime() + 14 * DAY);
    // Another student took the third week as a series of its own, first.
    const early = await book(app, request(w.slug, third, email('early')));
    expect(early.status).toBe(201);

    const late = email('late');
    const refused = await book(app, request(w.slug, first, late));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NO_SEATS_AVAILABLE');
    expect(refused.body.error).toMatch(
      /^Session 3 of 3 in the series \(.+ 10:00 UTC\): .*Nothing was booked$/,
    );
    expect(await bookingsOf(w.slug, late)).toEqual([]);
    // The first two weeks stay free.
    for (const start of [first, new Date(first.getTime() + 7 * DAY)]) {
      const date = start.toISOString().slice(0, 10);
      const slots = await getJson(
        app,
        `/api/v1/public/workshops/${w.slug}/slots?tenantSlug=${t.slug}&from=${date}&to=${date}&timeZone=UTC`,
      );
      expect(slots.body.days[0].slots.map((s: { startTime: string }) => s.startTime)).toContain(
        start.toISOString(),
      );
    }
  });

  it('an occurrence on the teacher’s day off refuses the series with 409 naming it', async () => {
    const first = tenOClock(9);
    const dayOff = new Date(first.getTime() + 7 * DAY).toISOString().slice(0, 10);
    const teacher = await teacherWithHours('UTC', [dayOff]);
    const w = await seriesWorkshop(teacher);
    const res = await book(app, request(w.slug, first, email('dayoff')));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/^Session 2 of the series .*outside the teacher's hours/);
  });

  it('keeps the local time across a daylight-saving change in the schedule’s zone', async () => {
    const zone = 'Europe/Madrid';
    // The Monday two weeks before the zone's next offset change, at 10:00 there.
    let day = DateTime.now().setZone(zone).plus({ days: 7 }).startOf('day');
    while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
    const first = day.minus({ days: 13 }).set({ hour: 10 });
    const teacher = await teacherWithHours(zone);
    const w = await seriesWorkshop(teacher, {
      bookingHorizonDays: 730,
      recurrence: { frequency: 'weekly', count: 4 },
    });
    const res = await book(app, request(w.slug, first.toJSDate(), email('dst')));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const local = res.body.series.bookings.map((b: { startTime: string }) =>
      DateTime.fromISO(b.startTime, { zone }).toFormat('ccc HH:mm'),
    );
    expect(local).toEqual(Array(4).fill(first.toFormat('ccc HH:mm')));
    const offsets = new Set(
      res.body.series.bookings.map(
        (b: { startTime: string }) => DateTime.fromISO(b.startTime, { zone }).offset,
      ),
    );
    expect(offsets.size).toBe(2);
  });

  it('a paid series is one checkout for every occurrence; paying confirms all; each cancels with its share refunded', async () => {
    const teacher = await teacherWithHours('UTC');
    const w = await seriesWorkshop(teacher, { price: PRICE, currency: 'EUR', refundWindowHours: 24 });
    const payer = email('paid');
    const res = await book(app, request(w.slug, tenOClock(10), payer));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.payment).toMatchObject({ amount: 3 * PRICE, currency: 'EUR' });
    const rows = await seriesRows(res.body.series.uid);
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(rows.filter((r) => r.stripeCheckoutSessionId !== null).map((r) => r.uid)).toEqual([
      res.body.booking.uid,
    ]);

    const paid = await emulator().pay(rows[0]!.stripeCheckoutSessionId!);
    expect(paid.deliveries.map((d) => d.status)).toEqual(paid.events.map(() => 200));
    expect((await seriesRows(res.body.series.uid)).map((r) => [r.status, r.paid])).toEqual(
      Array(3).fill(['accepted', true]),
    );
    const lead = await bookingByUid(app, res.body.booking.uid);
    expect(await paymentsOf(app, lead.id)).toMatchObject([{ amountCents: 3 * PRICE, status: 'succeeded' }]);
    await outboxSettled(app, t.tenantId);
    const confirmations = (await sentMail(app, payer)).filter((m) =>
      m.subject.startsWith('Booking confirmed'),
    );
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.text).toMatch(/Paid: €60\.00 for 3 sessions/);
    expect(confirmations[0]!.text).toMatch(/refund.* its €20\.00/);

    // Cancelling the second occurrence refunds its price from the series' payment, and the third too.
    for (const index of [1, 2]) {
      const { uid, token } = manageParts(res.body.series.bookings[index].manageUrl);
      const cancelled = await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.refund).toMatchObject({ eligible: true, amount: PRICE });
      const row = await bookingByUid(app, uid);
      expect(await refundsOf(app, row.id)).toMatchObject([{ amountCents: PRICE, status: 'succeeded' }]);
    }
    expect(await paymentsOf(app, lead.id)).toMatchObject([{ refundedCents: 2 * PRICE }]);
    expect(
      emulator()
        .refunds()
        .filter((r) => r.payment_intent === paid.paymentIntent!.id)
        .map((r) => r.amount),
    ).toEqual([PRICE, PRICE]);
  });

  it('an expired checkout gives every held occurrence back', async () => {
    const teacher = await teacherWithHours('UTC');
    const w = await seriesWorkshop(teacher, { price: PRICE, currency: 'EUR' });
    const res = await book(app, request(w.slug, tenOClock(11), email('expire')));
    expect(res.status).toBe(201);
    const [lead] = await seriesRows(res.body.series.uid);
    await emulator().expire(lead!.stripeCheckoutSessionId!);
    expect((await seriesRows(res.body.series.uid)).map((r) => r.status)).toEqual([
      'expired',
      'expired',
      'expired',
    ]);
    // Every week is bookable again.
    expect((await book(app, request(w.slug, tenOClock(11), email('next')))).status).toBe(201);
  });

  it('the spec’s recurrence rule holds for a slot-booked workshop: count or endDate', async () => {
    const teacher = await teacherWithHours('UTC');
    const error = await trpcError(seriesWorkshop(teacher, { recurrence: { frequency: 'weekly' } }));
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR' });
    expect(error.message).toMatch(/give count or endDate/);

    // Set on an existing slot workshop with bookingMode 'slots' (no schedule to plan).
    const w = await seriesWorkshop(teacher, { recurrence: undefined });
    await t.owner.client.immersio.workshop.update.mutate({
      workshopId: w.id,
      bookingMode: 'slots',
      recurrence: { frequency: 'biweekly', count: 2 },
    });
    const res = await book(app, request(w.slug, tenOClock(12), email('biweekly')));
    expect(res.status).toBe(201);
    expect(res.body.series.bookings.map((b: { startTime: string }) => b.startTime)).toEqual([
      tenOClock(12).toISOString(),
      new Date(tenOClock(12).getTime() + 14 * DAY).toISOString(),
    ]);
  });
});
