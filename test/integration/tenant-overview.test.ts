import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bookings, payments, tenants } from '../../src/db/schema/index.ts';
import { insertStripeCredential } from '../../src/modules/tenants/tenants.repo.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, DAY, HOUR } from '../support/bookings.ts';
import { buyPass, createPass, stripeTenant } from '../support/passes.ts';

const app = useTestApp();
const db = () => app.database.db;
const ZONE = 'America/Los_Angeles';

/** This file's app is its own: a test moves its clock where it needs and leaves it there. */
const moveTo = (at: DateTime) => app.clock.advance(at.toMillis() - app.clock.now().getTime());

async function inZone(t: TenantFixture, timeZone: string) {
  await db().update(tenants).set({ timeZone }).where(eq(tenants.id, t.tenantId));
}

type Workshop = Awaited<ReturnType<typeof createWorkshop>>;

/** A free booking through the public API, created at the app's clock; returns its row id. */
async function bookFree(t: TenantFixture, w: Workshop, email: string) {
  const res = await book(app, bookingRequest(t, w, email));
  expect(res.status).toBe(201);
  return (await bookingByUid(app, res.body.booking.uid)).id;
}

/** What a completed checkout leaves behind (tested elsewhere): a succeeded payment. */
async function pay(t: TenantFixture, bookingId: number, amountCents: number, currency = 'USD') {
  await db().update(bookings).set({ paid: true }).where(eq(bookings.id, bookingId));
  await db().insert(payments).values({
    tenantId: t.tenantId,
    bookingId,
    amountCents,
    currency,
    status: 'succeeded',
    createdAt: app.clock.now(),
  });
}

const workshopAt = (t: TenantFixture, title: string, start: DateTime, extra: Record<string, unknown> = {}) =>
  createWorkshop(t, {
    title,
    startTime: start.toJSDate(),
    timeZone: ZONE,
    seats: 4,
    recurrence: { frequency: 'weekly', count: 1 },
    ...extra,
  });

/** A Wednesday 10:00 in Los Angeles, weeks ahead, whose Monday and Sunday are in the same month. */
function aWednesdayMorning(): DateTime {
  let day = DateTime.fromJSDate(app.clock.now(), { zone: ZONE }).plus({ weeks: 3 }).startOf('day');
  while (day.weekday !== 3 || day.day < 10 || day.day > 20) day = day.plus({ days: 1 });
  return day.set({ hour: 10 });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('immersio.tenant.getOverview', () => {
  it('a new school: empty days for the whole month, nothing scheduled, the checklist to do', async () => {
    const t = await createTenant(app);
    const overview = await t.owner.client.immersio.tenant.getOverview.query({ period: 'month' });
    const today = DateTime.fromJSDate(app.clock.now(), { zone: 'UTC' });
    expect(overview).toMatchObject({
      scope: 'school',
      timeZone: 'UTC',
      currency: 'USD',
      granularity: 'day',
      range: {
        from: today.startOf('month').toJSDate(),
        to: today.startOf('month').plus({ months: 1 }).toJSDate(),
      },
      otherCurrencies: [],
      fillRate: [],
      upcoming: { today: [], laterThisWeek: [], hasMore: false },
      checklist: {
        stripeConnected: false,
        hasWorkshop: false,
        landingPublished: false,
        immersioConnected: false,
      },
      teacherStats: null,
    });
    expect(overview.series).toHaveLength(today.daysInMonth!);
    expect(overview.series[0]).toEqual({ date: today.startOf('month').toISODate(), bookings: 0, revenue: 0 });
    expect(overview.series.every((p) => p.bookings === 0 && p.revenue === 0)).toBe(true);
    const year = await t.owner.client.immersio.tenant.getOverview.query({ period: 'year' });
    expect(year.granularity).toBe('month');
    expect(year.series.map((p) => p.date)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${today.year}-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('checklist: Stripe connected, a workshop, the page published', async () => {
    const t = await createTenant(app);
    await insertStripeCredential(db(), {
      tenantId: t.tenantId,
      stripeAccountId: 'acct_overview',
      publishableKey: 'pk_test_overview',
      livemode: false,
      createdBy: t.owner.id,
    });
    await createWorkshop(t, { startTime: new Date(app.clock.now().getTime() + 48 * HOUR) });
    await t.owner.client.immersio.landing.publish.mutate({});
    const { checklist } = await t.owner.client.immersio.tenant.getOverview.query({ period: 'week' });
    expect(checklist).toEqual({
      stripeConnected: true,
      hasWorkshop: true,
      landingPublished: true,
      immersioConnected: false,
    });
  });

  it('counts per day and month in the school’s zone, fill rates and this week’s sessions; a teacher sees their own', async () => {
    const wednesday = aWednesdayMorning();
    const monday = wednesday.startOf('week');
    moveTo(monday.minus({ days: 1 }));
    const t = await createTenant(app);
    await inZone(t, ZONE);
    const other = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId);
    // Spanish (the owner's) started today at 08:00; English (the teacher's) starts today at
    // 18:00; Late on Sunday 23:30 (Monday in UTC, still this week); Next on Monday 00:30 (next
    // week); French on Thursday, cancelled.
    const spanish = await workshopAt(t, 'Spanish', wednesday.set({ hour: 8 }), {
      recurrence: { frequency: 'weekly', count: 2 },
    });
    const english = await workshopAt(t, 'English', wednesday.set({ hour: 18 }), {
      seats: 10,
      teacherId: teacher.id,
    });
    const late = await workshopAt(t, 'Late', monday.plus({ days: 6, hours: 23, minutes: 30 }));
    await workshopAt(t, 'Next', monday.plus({ days: 7, minutes: 30 }));
    const french = await workshopAt(t, 'French', wednesday.plus({ days: 1, hours: 2 }));
    await t.owner.client.immersio.booking.cancelSession.mutate({ sessionId: french.sessions[0]!.id });
    const elsewhere = await workshopAt(other, 'Elsewhere', wednesday.set({ hour: 12 }));

    // Monday 23:30 in Los Angeles is Tuesday 06:30 UTC: counted on Monday.
    moveTo(monday.set({ hour: 23, minute: 30 }));
    const ana = await bookFree(t, spanish, 'ana@example.test');
    await bookFree(t, spanish, 'ben@example.test');
    await pay(t, ana, 1500);
    await pay(t, ana, 700, 'EUR');
    await bookFree(other, elsewhere, 'ana@example.test');
    moveTo(monday.plus({ days: 1, hours: 9 }));
    const cara = await bookFree(t, english, 'cara@example.test');
    await pay(t, cara, 900);
    moveTo(wednesday);

    const week = await t.owner.client.immersio.tenant.getOverview.query({ period: 'week' });
    const day = (n: number) => monday.plus({ days: n }).toISODate();
    expect(week).toMatchObject({
      scope: 'school',
      timeZone: ZONE,
      currency: 'USD',
      granularity: 'day',
      range: { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() },
      otherCurrencies: [{ currency: 'EUR', revenue: 700 }],
      teacherStats: null,
    });
    expect(week.series).toEqual([
      { date: day(0), bookings: 2, revenue: 1500 },
      { date: day(1), bookings: 1, revenue: 900 },
      ...[2, 3, 4, 5, 6].map((n) => ({ date: day(n), bookings: 0, revenue: 0 })),
    ]);
    expect(week.fillRate).toEqual([
      {
        workshopId: spanish.id,
        title: 'Spanish',
        sessionCount: 1,
        seatsOffered: 4,
        seatsTaken: 2,
        rate: 0.5,
      },
      {
        workshopId: english.id,
        title: 'English',
        sessionCount: 1,
        seatsOffered: 10,
        seatsTaken: 1,
        rate: 0.1,
      },
      { workshopId: late.id, title: 'Late', sessionCount: 1, seatsOffered: 4, seatsTaken: 0, rate: 0 },
    ]);
    expect(week.upcoming.today.map((s) => s.workshopTitle)).toEqual(['Spanish', 'English']);
    expect(week.upcoming.laterThisWeek.map((s) => s.workshopTitle)).toEqual(['Late']);
    expect(week.upcoming.today[1]).toEqual({
      sessionId: english.sessions[0]!.id,
      workshopId: english.id,
      workshopTitle: 'English',
      teacherName: 'A MEMBER',
      startTime: wednesday.set({ hour: 18 }).toJSDate(),
      endTime: wednesday.set({ hour: 19 }).toJSDate(),
      timeZone: ZONE,
      seats: 10,
      bookedSeats: 1,
      waiting: 0,
    });

    // The same bookings as getStats, in every period; a year is counted per month.
    for (const period of ['week', 'month', 'year'] as const) {
      const overview = await t.owner.client.immersio.tenant.getOverview.query({ period });
      const stats = await t.owner.client.immersio.tenant.getStats.query({ period });
      expect(sum(overview.series.map((p) => p.bookings))).toBe(stats.totalBookings);
      expect(sum(overview.series.map((p) => p.revenue)) + 700).toBe(stats.totalRevenue);
    }
    const year = await t.owner.client.immersio.tenant.getOverview.query({ period: 'year' });
    expect(year.series.find((p) => p.date === wednesday.toFormat('yyyy-MM'))).toEqual({
      date: wednesday.toFormat('yyyy-MM'),
      bookings: 3,
      revenue: 2400,
    });

    // The teacher: English only, with getStats' figures over it.
    const own = await teacher.client.immersio.tenant.getOverview.query({ period: 'week' });
    expect(own.scope).toBe('teacher');
    expect(own.series.slice(0, 2)).toEqual([
      { date: day(0), bookings: 0, revenue: 0 },
      { date: day(1), bookings: 1, revenue: 900 },
    ]);
    expect(own.otherCurrencies).toEqual([]);
    expect(own.fillRate.map((f) => f.title)).toEqual(['English']);
    expect(own.upcoming.today.map((s) => s.workshopTitle)).toEqual(['English']);
    expect(own.upcoming.laterThisWeek).toEqual([]);
    expect(own.teacherStats).toMatchObject({
      totalBookings: 1,
      totalRevenue: 900,
      averageBookingValue: 900,
      teacherCount: 1,
      workshopCount: 1,
      studentCount: 1,
      topWorkshops: [{ id: english.id, title: 'English', bookingCount: 1, revenue: 900 }],
    });

    // The other school sees only its own booking and session.
    const theirs = await other.owner.client.immersio.tenant.getOverview.query({ period: 'week' });
    expect(sum(theirs.series.map((p) => p.bookings))).toBe(1);
    expect(theirs.fillRate.map((f) => f.title)).toEqual(['Elsewhere']);
    expect([...theirs.upcoming.today, ...theirs.upcoming.laterThisWeek].map((s) => s.workshopTitle)).toEqual([
      'Elsewhere',
    ]);

    // An explicit range of more than three months is charted per month.
    const long = await t.owner.client.immersio.tenant.getOverview.query({
      period: 'week',
      startDate: wednesday.minus({ months: 4 }).toJSDate(),
      endDate: wednesday.toJSDate(),
    });
    expect(long.granularity).toBe('month');
    expect(long.series).toHaveLength(5);
    expect(long.range.to).toEqual(wednesday.plus({ days: 1 }).startOf('day').toJSDate());
  });

  it('class passes sold are revenue on their payment day; a teacher’s only when they pay for their classes alone', async () => {
    const t = await stripeTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId);
    const paid = (title: string, teacherId: number) =>
      createWorkshop(t, {
        title,
        price: 2500,
        teacherId,
        startTime: new Date(app.clock.now().getTime() + 3 * DAY),
        recurrence: { frequency: 'none' },
      });
    const english = await paid('English', teacher.id);
    const spanish = await paid('Spanish', t.owner.id);
    const sell = async (workshopIds: number[] | undefined, price: number, currency = 'USD') => {
      const pass = await createPass(t, { price, currency, ...(workshopIds ? { workshopIds } : {}) });
      const email = `${unique('holder')}@example.test`;
      await buyPass(app, t, pass.id, email);
      return email;
    };
    const englishOnly = await sell([english.id], 5000);
    await sell(undefined, 9900);
    await sell([english.id, spanish.id], 7000);
    await sell([english.id], 3000, 'EUR');
    // The English-only pass pays for a class: the booking adds no money.
    const booked = await book(app, bookingRequest(t, english, englishOnly));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.payment).toBeNull();

    const today = DateTime.fromJSDate(app.clock.now(), { zone: 'UTC' }).toISODate();
    const school = await t.owner.client.immersio.tenant.getOverview.query({ period: 'week' });
    expect(school.currency).toBe('USD');
    expect(school.series.find((p) => p.date === today)).toEqual({
      date: today,
      bookings: 1,
      revenue: 21_900,
    });
    expect(school.otherCurrencies).toEqual([{ currency: 'EUR', revenue: 3000 }]);
    const stats = await t.owner.client.immersio.tenant.getStats.query({ period: 'week' });
    expect(stats.totalRevenue).toBe(21_900 + 3000);

    // The teacher: the passes for English alone (both currencies), not the shared ones.
    const own = await teacher.client.immersio.tenant.getOverview.query({ period: 'week' });
    expect(own.series.find((p) => p.date === today)).toEqual({ date: today, bookings: 1, revenue: 5000 });
    expect(own.otherCurrencies).toEqual([{ currency: 'EUR', revenue: 3000 }]);
    expect(own.teacherStats).toMatchObject({
      totalBookings: 1,
      totalRevenue: 8000,
      topWorkshops: [{ id: english.id, title: 'English', bookingCount: 1, revenue: 0 }],
    });
  });

  it('errors: bad period 400, startDate after endDate 400, over ten years 400, no session 401', async () => {
    const t = await createTenant(app);
    const overview = t.owner.client.immersio.tenant.getOverview;
    expect(await trpcError(overview.query({ period: 'day' as 'week' }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
    });
    expect(
      await trpcError(
        overview.query({
          period: 'week',
          startDate: new Date('2025-02-01'),
          endDate: new Date('2025-01-01'),
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(
      await trpcError(
        overview.query({
          period: 'year',
          startDate: new Date('2001-01-01'),
          endDate: new Date('2025-01-01'),
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(
      await trpcError(trpcClient(app.baseUrl).immersio.tenant.getOverview.query({ period: 'week' })),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
  });
});
