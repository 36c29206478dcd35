import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bookings, payments, tenants } from '../../src/db/schema/index.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import {
  book,
  bookingRequest,
  createWorkshop,
  DAY,
  HOUR,
  manageParts,
  postJson,
} from '../support/bookings.ts';
import { buyPass, createPass, purchase, stripeTenant } from '../support/passes.ts';

const app = useTestApp();

const anonymous = () => trpcClient(app.baseUrl);

describe('immersio.tenant.get', () => {
  it('returns the spec shape for any member', async () => {
    const t = await createTenant(app, { name: 'Language Academy Test' });
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const tenant = await member.client.immersio.tenant.get.query({});
    expect(tenant).toEqual({
      id: t.tenantId,
      name: 'Language Academy Test',
      slug: t.slug,
      logoUrl: null,
      plan: {
        type: 'growth',
        maxTeachers: 5,
        maxBookingsPerMonth: 200,
        maxEventTypes: -1,
        features: expect.objectContaining({ whitelist: true, immersioSync: true, customEmails: true }),
      },
      stripeConnected: false,
      immersioConnected: false,
      landingPagePublished: false,
      createdAt: expect.any(Date),
    });
  });

  it('401 without a session', async () => {
    expect(await trpcError(anonymous().immersio.tenant.get.query({}))).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });
});

describe('immersio.tenant.updateStripeCredentials', () => {
  const valid = { stripeAccountId: 'acct_1234567890', stripePublishableKey: 'pk_test_abcdefghij123' };

  it('stores a credential; stripeConnected becomes true; a new one supersedes it', async () => {
    const t = await createTenant(app);
    const first = await t.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid);
    expect(first).toEqual({ success: true, credentialId: expect.any(Number) });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(true);
    const second = await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: 'acct_0987654321',
      stripePublishableKey: 'pk_live_abcdefghij123',
    });
    expect(second.credentialId).toBeGreaterThan(first.credentialId);
  });

  it('rejects malformed ids with 400 VALIDATION_ERROR naming each field', async () => {
    const t = await createTenant(app);
    const error = await trpcError(
      t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
        stripeAccountId: 'acc_123',
        stripePublishableKey: 'sk_live_secretkey123',
      }),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(error.message).toMatch(/stripeAccountId/);
    expect(error.message).toMatch(/stripePublishableKey/);
  });

  it('an account Stripe does not know is 400 VALIDATION_ERROR and nothing is stored', async () => {
    const t = await createTenant(app);
    const error = await trpcError(
      t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
        ...valid,
        stripeAccountId: 'acct_invalid0001',
      }),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(error.message).toMatch(/stripeAccountId/);
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
  });

  it('MEMBER gets 403 FORBIDDEN; no session 401', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(
      await trpcError(member.client.immersio.tenant.updateStripeCredentials.mutate(valid)),
    ).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(await trpcError(anonymous().immersio.tenant.updateStripeCredentials.mutate(valid))).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
  });

  it('an admin of tenant B never changes tenant A', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    await b.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid);
    expect((await a.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
    expect((await b.owner.client.immersio.tenant.get.query({})).id).toBe(b.tenantId);
  });
});

describe('immersio.tenant.inviteTeacher and invite acceptance', () => {
  async function waitForMail(to: string): Promise<string> {
    const dir = path.join(app.dataDir, 'mail');
    for (let i = 0; i < 100; i++) {
      const files = await readdir(dir).catch(() => [] as string[]);
      for (const file of files) {
        const raw = await readFile(path.join(dir, file), 'utf8');
        if (raw.includes(`To: ${to}`)) return raw;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no mail to ${to}`);
  }

  const accept = (token: string, body: unknown) =>
    fetch(`${app.baseUrl}/api/v1/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('creates a single-use invite, e-mails it through the outbox, and acceptance signs the teacher in', async () => {
    const t = await createTenant(app);
    const email = `${unique('teacher')}@Example.test`;
    const invite = await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email, name: 'New Teacher' });
    expect(invite).toEqual({ success: true, inviteId: expect.any(Number), inviteLink: expect.any(String) });
    expect(invite.inviteLink).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = invite.inviteLink.split('/').pop()!;

    const mail = await waitForMail(email.toLowerCase());
    expect(mail).toContain(`Subject: You're invited to join Tenant ${t.slug}`);
    expect(mail.replace(/=\r?\n/g, '')).toContain(token);

    const described = await fetch(`${app.baseUrl}/api/v1/invites/${token}`);
    expect(described.status).toBe(200);
    expect(await described.json()).toMatchObject({
      email: email.toLowerCase(),
      role: 'MEMBER',
      status: 'open',
    });

    const accepted = await accept(token, { name: 'New Teacher', password: 'teacher-password-1' });
    expect(accepted.status).toBe(200);
    const body = (await accepted.json()) as { token: string; role: string; tenant: { id: number } };
    expect(body).toMatchObject({ success: true, role: 'MEMBER', tenant: { id: t.tenantId } });
    const teacher = trpcClient(app.baseUrl, body.token);
    const me = await teacher.viewer.me.query();
    expect(me).toMatchObject({ email: email.toLowerCase(), name: 'New Teacher', activeTenantId: t.tenantId });
    expect(me.memberships).toEqual([expect.objectContaining({ tenantId: t.tenantId, role: 'MEMBER' })]);

    const again = await accept(token, { name: 'Someone', password: 'other-password-1' });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ code: 'GONE' });
  });

  it('an existing member or an open invite for the same email is 409 CONFLICT', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId);
    expect(
      await trpcError(
        t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: member.email.toUpperCase() }),
      ),
    ).toMatchObject({
      appCode: 'CONFLICT',
      httpStatus: 409,
    });
    const email = `${unique('dup')}@example.test`;
    await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email });
    const error = await trpcError(
      t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: ` ${email.toUpperCase()} ` }),
    );
    expect(error).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(error.message).toMatch(/already open/);
  });

  it('maxTeachers counts members plus open invites; the error names the limit and the plan', async () => {
    const t = await createTenant(app, { plan: 'starter' });
    await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: `${unique('s')}@example.test` });
    const error = await trpcError(
      t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: `${unique('s')}@example.test` }),
    );
    expect(error).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(error.message).toMatch(/starter plan allows 2 teachers \(maxTeachers\)/);
  });

  it('an expired invite is refused with 410 and changes nothing; a new one can then be sent', async () => {
    const t = await createTenant(app);
    const email = `${unique('late')}@example.test`;
    const { inviteLink } = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email,
      role: 'ADMIN',
    });
    app.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      const response = await accept(inviteLink.split('/').pop()!, {
        name: 'Late',
        password: 'late-password-1',
      });
      expect(response.status).toBe(410);
      expect(await response.json()).toMatchObject({ code: 'GONE', error: expect.stringMatching(/expired/) });
      const fresh = await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email });
      expect(fresh.inviteId).toBeGreaterThan(0);
    } finally {
      app.clock.offsetMs = 0;
    }
  });

  it('an existing user accepting must give their current password', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const { inviteLink } = await b.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: a.owner.email,
    });
    const token = inviteLink.split('/').pop()!;
    const wrong = await accept(token, { name: 'Owner', password: 'guessed-password' });
    expect(wrong.status).toBe(401);
    const right = await accept(token, { name: 'Owner', password: a.owner.password });
    expect(right.status).toBe(200);
  });

  it('bad invite input: 400; unknown token: 404', async () => {
    const short = await accept('abc', { name: 'X', password: 'password-123' });
    expect(short.status).toBe(400);
    const unknown = await accept('A'.repeat(43), { name: 'X', password: 'password-123' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
    const t = await createTenant(app);
    const { inviteLink } = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: `${unique('x')}@example.test`,
    });
    const weak = await accept(inviteLink.split('/').pop()!, { name: '', password: 'short' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      error: expect.stringMatching(/name.*password/s),
    });
    expect(
      await trpcError(t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: 'not-an-email' })),
    ).toMatchObject({
      appCode: 'VALIDATION_ERROR',
    });
  });

  it("tenant B's invites live in tenant B only", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const email = `${unique('both')}@example.test`;
    const fromB = await b.owner.client.immersio.tenant.inviteTeacher.mutate({ email });
    // No conflict in A: B's open invite is not A's.
    const fromA = await a.owner.client.immersio.tenant.inviteTeacher.mutate({ email });
    expect(fromA.inviteId).not.toBe(fromB.inviteId);
    const accepted = await accept(fromB.inviteLink.split('/').pop()!, {
      name: 'Both',
      password: 'both-password-1',
    });
    const { token } = (await accepted.json()) as { token: string };
    const me = await trpcClient(app.baseUrl, token).viewer.me.query();
    expect(me.memberships.map((m) => m.tenantId)).toEqual([b.tenantId]);
    expect((await a.owner.client.immersio.tenant.getStats.query({ period: 'week' })).teacherCount).toBe(1);
  });

  it('MEMBER gets 403; no session 401', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId);
    expect(
      await trpcError(member.client.immersio.tenant.inviteTeacher.mutate({ email: 'a@example.test' })),
    ).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(
      await trpcError(anonymous().immersio.tenant.inviteTeacher.mutate({ email: 'a@example.test' })),
    ).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
  });
});

describe('immersio.tenant.getStats', () => {
  const db = () => app.database.db;

  async function setTimeZone(t: TenantFixture, timeZone: string) {
    await db().update(tenants).set({ timeZone }).where(eq(tenants.id, t.tenantId));
  }

  /** Runs `fn` with the app's clock movable to any instant, and puts the clock back afterwards. */
  async function withClock<T>(fn: (moveTo: (at: Date) => void) => Promise<T>): Promise<T> {
    let moved = 0;
    const moveTo = (at: Date) => {
      const delta = at.getTime() - app.clock.now().getTime();
      app.clock.advance(delta);
      moved += delta;
    };
    try {
      return await fn(moveTo);
    } finally {
      app.clock.advance(-moved);
    }
  }

  type Workshop = Awaited<ReturnType<typeof createWorkshop>>;

  /** A free booking through the public API (created at the app's clock); returns its row id. */
  async function bookFree(t: TenantFixture, w: Workshop, email: string, session = 0) {
    const res = await book(
      app,
      bookingRequest(t, w, email, { startTime: w.sessions[session]!.startTime.toISOString() }),
    );
    expect(res.status).toBe(201);
    const [row] = await db()
      .select({ id: bookings.id })
      .from(bookings)
      .where(eq(bookings.uid, res.body.booking.uid));
    return { id: row!.id, manageUrl: res.body.manageUrl as string };
  }

  /** What the paid checkout would leave behind (tested elsewhere): a succeeded payment, booking paid. */
  async function pay(
    t: TenantFixture,
    bookingId: number,
    amountCents: number,
    options: { refundedCents?: number; createdAt?: Date; status?: 'succeeded' | 'failed' } = {},
  ) {
    const status = options.status ?? 'succeeded';
    if (status === 'succeeded')
      await db().update(bookings).set({ paid: true }).where(eq(bookings.id, bookingId));
    await db()
      .insert(payments)
      .values({
        tenantId: t.tenantId,
        bookingId,
        amountCents,
        refundedCents: options.refundedCents ?? 0,
        currency: 'USD',
        status,
        createdAt: options.createdAt ?? app.clock.now(),
      });
  }

  const newWorkshop = (t: TenantFixture, overrides: Record<string, unknown> = {}) =>
    createWorkshop(t, {
      startTime: new Date(app.clock.now().getTime() + 3 * DAY),
      recurrence: { frequency: 'weekly', count: 2 },
      ...overrides,
    });

  /**
   * Through the booking API: "Evening Spanish" (Ana twice, in either case, and Ben, who cancels)
   * and "Business English" (Cara); an expired and a failed hold written directly; payments for
   * Ana's first booking (20.00) and Cara's (30.00, 9.99 refunded) and a failed one for Ben.
   */
  async function seedTenant(t: TenantFixture) {
    const spanish = await newWorkshop(t);
    // Two hours before Spanish: one teacher teaches both.
    const english = await newWorkshop(t, {
      title: 'Business English',
      startTime: new Date(app.clock.now().getTime() + 3 * DAY - 2 * HOUR),
    });
    const ana = await bookFree(t, spanish, 'ana@example.test');
    const ben = await bookFree(t, spanish, 'ben@example.test');
    await bookFree(t, spanish, 'ANA@Example.test', 1);
    const cara = await bookFree(t, english, 'cara@example.test');
    const { uid, token } = manageParts(ben.manageUrl);
    expect((await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token })).status).toBe(200);
    const lapsed = (status: 'expired' | 'failed', email: string) => ({
      uid: unique('lapsed'),
      tenantId: t.tenantId,
      workshopId: english.id,
      title: 'Business English',
      startTime: english.sessions[0]!.startTime,
      endTime: english.sessions[0]!.endTime,
      status,
      attendeeEmail: email,
      attendeeName: 'Held',
      amountCents: 1500,
      createdAt: app.clock.now(),
    });
    await db()
      .insert(bookings)
      .values([lapsed('expired', 'held1@example.test'), lapsed('failed', 'held2@example.test')]);
    await pay(t, ana.id, 2000);
    await pay(t, cara.id, 3000, { refundedCents: 999 });
    await pay(t, ben.id, 2000, { status: 'failed' });
    return { spanish, english };
  }

  it('an empty tenant gives zeros', async () => {
    const t = await createTenant(app);
    expect(await t.owner.client.immersio.tenant.getStats.query({ period: 'month' })).toEqual({
      totalBookings: 0,
      completedBookings: 0,
      cancelledBookings: 0,
      totalRevenue: 0,
      averageBookingValue: 0,
      teacherCount: 1,
      workshopCount: 0,
      studentCount: 0,
      topWorkshops: [],
      waitingStudents: 0,
      attendanceRate: null,
    });
  });

  it('counts real bookings, net revenue and distinct students; never another tenant’s', async () => {
    // Mid-week at noon UTC (the tenants' zone), so every period has begun hours before.
    const wednesdayNoon = DateTime.fromJSDate(app.clock.now(), { zone: 'UTC' })
      .plus({ days: 1 })
      .startOf('week')
      .plus({ weeks: 1, days: 2, hours: 12 })
      .toJSDate();
    await withClock(async (moveTo) => {
      moveTo(wednesdayNoon);
      const a = await createTenant(app);
      const b = await createTenant(app);
      await addSignedInMember(app, a.tenantId);
      const { spanish, english } = await seedTenant(a);
      // Later the same day: the teacher's booked Spanish class keeps its own time.
      const archived = await newWorkshop(a, {
        title: 'Old course',
        startTime: new Date(app.clock.now().getTime() + 3 * DAY + 6 * HOUR),
      });
      await a.owner.client.immersio.workshop.update.mutate({ workshopId: archived.id, status: 'archived' });
      await newWorkshop(a, { title: 'Planned', startTime: undefined });
      // Tenant B: bookings and a big payment that must not leak into A's figures.
      const bWorkshop = await newWorkshop(b);
      const bBooking = await bookFree(b, bWorkshop, 'ana@example.test');
      await pay(b, bBooking.id, 99_900);

      const expected = {
        // Ana twice, Ben (cancelled), Cara; not the expired and failed holds.
        totalBookings: 4,
        completedBookings: 0,
        cancelledBookings: 1,
        // 2000 + (3000 − 999); the failed payment counts nothing.
        totalRevenue: 4001,
        // Two paid bookings: round(4001 / 2).
        averageBookingValue: 2001,
        teacherCount: 2,
        // Spanish, English and the draft; not the archived one.
        workshopCount: 3,
        studentCount: 3,
        topWorkshops: [
          { id: spanish.id, title: 'Evening Spanish', bookingCount: 3, revenue: 2000 },
          { id: english.id, title: 'Business English', bookingCount: 1, revenue: 2001 },
        ],
        waitingStudents: 0,
        attendanceRate: null,
      };
      for (const period of ['week', 'month', 'year'] as const) {
        expect(await a.owner.client.immersio.tenant.getStats.query({ period })).toEqual(expected);
      }
      const today = app.clock.now();
      expect(
        await a.owner.client.immersio.tenant.getStats.query({
          period: 'week',
          startDate: today,
          endDate: today,
        }),
      ).toEqual(expected);
      expect(
        await b.owner.client.immersio.tenant.getStats.query({ period: 'year', startDate: today }),
      ).toEqual({
        totalBookings: 1,
        completedBookings: 0,
        cancelledBookings: 0,
        totalRevenue: 99_900,
        averageBookingValue: 99_900,
        teacherCount: 1,
        workshopCount: 1,
        studentCount: 1,
        topWorkshops: [{ id: bWorkshop.id, title: 'Evening Spanish', bookingCount: 1, revenue: 99_900 }],
        waitingStudents: 0,
        attendanceRate: null,
      });
      const old = await a.owner.client.immersio.tenant.getStats.query({
        period: 'year',
        startDate: new Date('2020-01-01T12:00:00Z'),
        endDate: new Date('2021-01-01T12:00:00Z'),
      });
      expect(old).toMatchObject({ totalBookings: 0, totalRevenue: 0, topWorkshops: [], workshopCount: 3 });
    });
  });

  it('completedBookings: accepted bookings whose session has ended', async () => {
    const t = await createTenant(app);
    await seedTenant(t);
    const createdDay = app.clock.now();
    await withClock(async (moveTo) => {
      // After the first sessions (3 days out, 1 hour long), before the second ones.
      moveTo(new Date(createdDay.getTime() + 3 * DAY + 2 * HOUR));
      const stats = await t.owner.client.immersio.tenant.getStats.query({
        period: 'year',
        startDate: createdDay,
      });
      // Ana's first booking and Cara's; not Ben's (cancelled) nor Ana's second (next week).
      expect(stats).toMatchObject({ totalBookings: 4, completedBookings: 2, cancelledBookings: 1 });
    });
  });

  // A booking made an hour before and one an hour after the start of a week, month or year in
  // Auckland: for Auckland they fall in different periods, for Los Angeles (whose period starts
  // later in UTC terms) in the same one.
  it.each(['week', 'month', 'year'] as const)(
    'periods start at 00:00 in the tenant’s zone: %s in Auckland vs Los Angeles',
    async (period) => {
      const boundary = DateTime.fromJSDate(app.clock.now(), { zone: 'Pacific/Auckland' })
        .plus({ days: 2 })
        .startOf(period)
        .plus({ [period]: 1 })
        .toJSDate();
      const before = new Date(boundary.getTime() - HOUR);
      const after = new Date(boundary.getTime() + HOUR);
      await withClock(async (moveTo) => {
        const auckland = await createTenant(app);
        const losAngeles = await createTenant(app);
        await setTimeZone(auckland, 'Pacific/Auckland');
        await setTimeZone(losAngeles, 'America/Los_Angeles');
        const results = [];
        for (const t of [auckland, losAngeles]) {
          moveTo(before);
          const w = await newWorkshop(t);
          const early = await bookFree(t, w, 'early@example.test');
          await pay(t, early.id, 1000, { createdAt: before });
          moveTo(after);
          const late = await bookFree(t, w, 'late@example.test');
          await pay(t, late.id, 500, { createdAt: after });
          results.push({ t, w });
        }
        moveTo(new Date(after.getTime() + 30 * 60_000));
        const stats = (t: TenantFixture, input: { startDate?: Date; endDate?: Date } = {}) =>
          t.owner.client.immersio.tenant.getStats.query({ period, ...input });

        // Auckland's period began between the two bookings.
        expect(await stats(auckland)).toMatchObject({
          totalBookings: 1,
          totalRevenue: 500,
          averageBookingValue: 500,
          studentCount: 1,
          topWorkshops: [{ id: results[0]!.w.id, bookingCount: 1, revenue: 500 }],
        });
        // In Los Angeles both fall in the current period.
        expect(await stats(losAngeles)).toMatchObject({
          totalBookings: 2,
          totalRevenue: 1500,
          averageBookingValue: 750,
          studentCount: 2,
          topWorkshops: [{ id: results[1]!.w.id, bookingCount: 2, revenue: 1500 }],
        });

        // Explicit days are the tenant's calendar days: `after` is the 1st in Auckland, the same
        // day as `before` in Los Angeles.
        const sameDay = { startDate: after, endDate: after };
        expect(await stats(auckland, sameDay)).toMatchObject({ totalBookings: 1, totalRevenue: 500 });
        expect(await stats(losAngeles, sameDay)).toMatchObject({ totalBookings: 2, totalRevenue: 1500 });
        const dayBefore = { startDate: before, endDate: before };
        expect(await stats(auckland, dayBefore)).toMatchObject({ totalBookings: 1, totalRevenue: 1000 });
        // Only startDate: from that day until now. Only endDate: from the start of the period
        // that day is in, to the end of the day.
        expect(await stats(auckland, { startDate: after })).toMatchObject({ totalBookings: 1 });
        expect(await stats(auckland, { startDate: before })).toMatchObject({ totalBookings: 2 });
        expect(await stats(auckland, { endDate: before })).toMatchObject({
          totalBookings: 1,
          totalRevenue: 1000,
        });
        expect(await stats(losAngeles, { endDate: before })).toMatchObject({ totalBookings: 2 });
      });
    },
  );

  it('a class pass sold counts as revenue once, when paid; the booking it pays for adds nothing', async () => {
    const t = await stripeTenant(app);
    const other = await createTenant(app);
    const w = await newWorkshop(t, { price: 2500, recurrence: { frequency: 'none' } });
    const pass = await createPass(t, { classes: 3, price: 9900, currency: 'USD' });
    const email = `${unique('holder')}@example.test`;
    const bought = await buyPass(app, t, pass.id, email);
    // Paid with the pass: accepted, paid, amount 0, no payment row.
    const booked = await book(app, bookingRequest(t, w, email));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.pass).toMatchObject({ uid: bought.uid });
    // A purchase whose checkout is never paid is no sale.
    expect((await purchase(app, pass.id, { buyer: { name: 'Ben', email: 'ben@example.test' } })).status).toBe(
      201,
    );

    const expected = {
      totalBookings: 1,
      completedBookings: 0,
      cancelledBookings: 0,
      totalRevenue: 9900,
      // One paid booking (by the pass).
      averageBookingValue: 9900,
      teacherCount: 1,
      workshopCount: 1,
      studentCount: 1,
      // The pass is not one workshop's sale: its class shows no money of its own.
      topWorkshops: [{ id: w.id, title: 'Evening Spanish', bookingCount: 1, revenue: 0 }],
      waitingStudents: 0,
      attendanceRate: null,
    };
    for (const period of ['week', 'month', 'year'] as const) {
      expect(await t.owner.client.immersio.tenant.getStats.query({ period })).toMatchObject(expected);
    }
    // Counted at its payment time, and by its own school only.
    expect(
      await t.owner.client.immersio.tenant.getStats.query({
        period: 'year',
        startDate: new Date('2020-01-01T12:00:00Z'),
        endDate: new Date('2021-01-01T12:00:00Z'),
      }),
    ).toMatchObject({ totalRevenue: 0 });
    expect(await other.owner.client.immersio.tenant.getStats.query({ period: 'year' })).toMatchObject({
      totalRevenue: 0,
    });
  });

  it('errors: startDate after endDate 400, a future startDate alone 400, bad period 400, MEMBER 403, no session 401', async () => {
    const t = await createTenant(app);
    expect(
      await trpcError(
        t.owner.client.immersio.tenant.getStats.query({
          period: 'week',
          startDate: new Date('2025-02-01'),
          endDate: new Date('2025-01-01'),
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(
      await trpcError(
        t.owner.client.immersio.tenant.getStats.query({
          period: 'week',
          startDate: new Date(app.clock.now().getTime() + 2 * DAY),
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    // Both on the same calendar day: that whole day, whatever the times.
    const noon = DateTime.fromJSDate(app.clock.now(), { zone: 'UTC' }).set({ hour: 12 });
    expect(
      await t.owner.client.immersio.tenant.getStats.query({
        period: 'week',
        startDate: noon.plus({ hours: 6 }).toJSDate(),
        endDate: noon.minus({ hours: 6 }).toJSDate(),
      }),
    ).toMatchObject({ totalBookings: 0 });
    expect(
      await trpcError(t.owner.client.immersio.tenant.getStats.query({ period: 'day' as 'week' })),
    ).toMatchObject({
      appCode: 'VALIDATION_ERROR',
    });
    const member = await addSignedInMember(app, t.tenantId);
    expect(await trpcError(member.client.immersio.tenant.getStats.query({ period: 'week' }))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(await trpcError(anonymous().immersio.tenant.getStats.query({ period: 'week' }))).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
  });
});
