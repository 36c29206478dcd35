import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookings, eventTypes, payments, workshops } from '../../src/db/schema/index.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';

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
  async function seedBookings(t: TenantFixture) {
    const db = app.database.db;
    const [et] = await db
      .insert(eventTypes)
      .values({
        tenantId: t.tenantId,
        teacherId: t.owner.id,
        title: 'Business English',
        slug: unique('w'),
        durationMinutes: 60,
        priceCents: 1500,
        seats: 8,
      })
      .returning();
    const [w] = await db
      .insert(workshops)
      .values({ tenantId: t.tenantId, eventTypeId: et!.id, status: 'active' })
      .returning();
    const now = app.clock.now();
    const past = new Date(now.getTime() - 3600_000);
    const future = new Date(now.getTime() + 86_400_000);
    const rows = await db
      .insert(bookings)
      .values([
        {
          uid: unique('b'),
          tenantId: t.tenantId,
          workshopId: w!.id,
          title: 'Business English',
          startTime: past,
          endTime: past,
          status: 'accepted',
          paid: true,
          attendeeEmail: 'A@x.test',
          attendeeName: 'A',
        },
        {
          uid: unique('b'),
          tenantId: t.tenantId,
          workshopId: w!.id,
          title: 'Business English',
          startTime: future,
          endTime: future,
          status: 'accepted',
          paid: true,
          attendeeEmail: 'a@x.test',
          attendeeName: 'A',
        },
        {
          uid: unique('b'),
          tenantId: t.tenantId,
          workshopId: w!.id,
          title: 'Business English',
          startTime: future,
          endTime: future,
          status: 'cancelled',
          attendeeEmail: 'c@x.test',
          attendeeName: 'C',
        },
      ])
      .returning();
    await db.insert(payments).values([
      {
        tenantId: t.tenantId,
        bookingId: rows[0]!.id,
        amountCents: 1500,
        currency: 'USD',
        status: 'succeeded',
      },
      {
        tenantId: t.tenantId,
        bookingId: rows[1]!.id,
        amountCents: 1500,
        refundedCents: 500,
        currency: 'USD',
        status: 'succeeded',
      },
      { tenantId: t.tenantId, bookingId: rows[2]!.id, amountCents: 1500, currency: 'USD', status: 'failed' },
    ]);
    return w!.id;
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
    });
  });

  it('counts bookings, revenue net of refunds and students, never another tenant', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const workshopId = await seedBookings(a);
    await seedBookings(b);
    const stats = await a.owner.client.immersio.tenant.getStats.query({ period: 'week' });
    expect(stats).toEqual({
      totalBookings: 3,
      completedBookings: 1,
      cancelledBookings: 1,
      totalRevenue: 2500,
      averageBookingValue: 1250,
      teacherCount: 1,
      workshopCount: 1,
      studentCount: 1,
      topWorkshops: [{ id: workshopId, title: 'Business English', bookingCount: 2, revenue: 2500 }],
    });
    const old = await a.owner.client.immersio.tenant.getStats.query({
      period: 'year',
      startDate: new Date('2020-01-01'),
      endDate: new Date('2021-01-01'),
    });
    expect(old.totalBookings).toBe(0);
  });

  it('errors: startDate after endDate 400, bad period 400, MEMBER 403, no session 401', async () => {
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
