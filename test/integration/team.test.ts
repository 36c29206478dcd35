import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TestApp,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { book, bookingRequest, createWorkshop, DAY, getJson } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';
import { queuedEmails } from '../support/emails.ts';

// The team screen's procedures (issue 15): invitations resent and withdrawn, roles changed,
// members removed (never while they teach upcoming classes), ownership transferred, and the
// plan's usage this month. Each is OWNER/ADMIN only, tenant-scoped, and the sensitive ones refuse
// API keys.

const app = useTestApp();

const tokenOf = (link: string) => link.split('/').pop()!;
const describeInvite = (token: string) => getJson(app, `/api/v1/invites/${token}`);

describe('invitations: list, resend, revoke', () => {
  it('lists an open invite; resending mails a new link and the old one stops working', async () => {
    const t = await createTenant(app);
    const email = `${unique('invitee')}@example.test`;
    const first = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email,
      name: 'Nia',
      role: 'ADMIN',
    });
    const { invites } = await t.owner.client.immersio.tenant.listInvites.query();
    expect(invites).toEqual([
      {
        id: first.inviteId,
        email,
        name: 'Nia',
        role: 'ADMIN',
        createdAt: expect.any(Date),
        expiresAt: expect.any(Date),
        invitedBy: 'Owner',
        status: 'open',
      },
    ]);

    const again = await t.owner.client.immersio.tenant.resendInvite.mutate({ inviteId: first.inviteId });
    expect(again).toEqual({
      success: true,
      inviteId: first.inviteId,
      inviteLink: expect.stringMatching(/\/invite\/[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(Date),
    });
    expect(again.inviteLink).not.toBe(first.inviteLink);
    expect((await describeInvite(tokenOf(first.inviteLink))).status).toBe(404);
    expect((await describeInvite(tokenOf(again.inviteLink))).body).toMatchObject({
      status: 'open',
      role: 'ADMIN',
    });
    const mails = await queuedEmails(app, t.tenantId, email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain(again.inviteLink);
  });

  it('revoking withdraws the link and frees the seat; again is a no-op; unknown ids are 404', async () => {
    const t = await createTenant(app, { plan: 'starter' });
    const invite = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: `${unique('r')}@example.test`,
    });
    // starter: 2 teachers, the owner and this invite.
    expect(
      await trpcError(
        t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: `${unique('r')}@example.test` }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(await t.owner.client.immersio.tenant.revokeInvite.mutate({ inviteId: invite.inviteId })).toEqual({
      success: true,
    });
    expect(await t.owner.client.immersio.tenant.revokeInvite.mutate({ inviteId: invite.inviteId })).toEqual({
      success: true,
    });
    expect((await describeInvite(tokenOf(invite.inviteLink))).body).toMatchObject({ status: 'revoked' });
    expect((await t.owner.client.immersio.tenant.listInvites.query()).invites).toEqual([]);
    expect(
      await trpcError(t.owner.client.immersio.tenant.resendInvite.mutate({ inviteId: invite.inviteId })),
    ).toMatchObject({ appCode: 'GONE', httpStatus: 410 });
    await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: `${unique('r')}@example.test` });
    for (const call of [
      () => t.owner.client.immersio.tenant.revokeInvite.mutate({ inviteId: 999_999 }),
      () => t.owner.client.immersio.tenant.resendInvite.mutate({ inviteId: 999_999 }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    }
  });

  it('an accepted invite can be neither revoked nor resent (409 CONFLICT)', async () => {
    const t = await createTenant(app);
    const email = `${unique('acc')}@example.test`;
    const invite = await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email });
    const accepted = await fetch(`${app.baseUrl}/api/v1/invites/${tokenOf(invite.inviteLink)}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Accepting Teacher', password: 'teacher-password-1' }),
    });
    expect(accepted.status).toBe(200);
    for (const call of [
      () => t.owner.client.immersio.tenant.revokeInvite.mutate({ inviteId: invite.inviteId }),
      () => t.owner.client.immersio.tenant.resendInvite.mutate({ inviteId: invite.inviteId }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    }
  });
});

describe('immersio.tenant.changeMemberRole', () => {
  it('promotes and demotes; the member’s rights change on their very next call', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(await trpcError(member.client.immersio.tenant.listInvites.query())).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(
      await t.owner.client.immersio.tenant.changeMemberRole.mutate({ userId: member.id, role: 'ADMIN' }),
    ).toEqual({ success: true, userId: member.id, role: 'ADMIN' });
    expect(await member.client.immersio.tenant.listInvites.query()).toEqual({ invites: [] });
    await t.owner.client.immersio.tenant.changeMemberRole.mutate({ userId: member.id, role: 'MEMBER' });
    expect(await trpcError(member.client.immersio.tenant.listInvites.query())).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    const roles = (await t.owner.client.immersio.tenant.listMembers.query()).members.map((m) => m.role);
    expect(roles.sort()).toEqual(['MEMBER', 'OWNER']);
  });

  it('refuses the owner, oneself, strangers, a MEMBER caller and API keys', async () => {
    const t = await createTenant(app);
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await createTenant(app);
    const change = admin.client.immersio.tenant.changeMemberRole;
    expect(await trpcError(change.mutate({ userId: t.owner.id, role: 'MEMBER' }))).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(await trpcError(change.mutate({ userId: admin.id, role: 'MEMBER' }))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(await trpcError(change.mutate({ userId: other.owner.id, role: 'MEMBER' }))).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
    expect(
      await trpcError(
        member.client.immersio.tenant.changeMemberRole.mutate({ userId: admin.id, role: 'MEMBER' }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(
      await trpcError(
        t.owner.client.immersio.tenant.changeMemberRole.mutate({
          userId: member.id,
          role: 'OWNER' as 'ADMIN',
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    const { key } = await t.owner.client.immersio.apiKey.create.mutate({ name: 'Script' });
    const byKey = trpcClient(app.baseUrl, key);
    for (const call of [
      () => byKey.immersio.tenant.changeMemberRole.mutate({ userId: member.id, role: 'ADMIN' }),
      () => byKey.immersio.tenant.removeMember.mutate({ userId: member.id }),
      () => byKey.immersio.tenant.transferOwnership.mutate({ userId: member.id }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'FORBIDDEN' });
    }
    expect((await t.owner.client.immersio.tenant.listMembers.query()).members).toHaveLength(3);
  });
});

describe('immersio.tenant.removeMember', () => {
  it('is refused with the list while they teach upcoming classes; after reassigning, they are gone', async () => {
    const t = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const workshop = await createWorkshop(t, { title: 'Business English', teacherId: teacher.id });
    const slotted = await createWorkshop(t, {
      title: 'Private Tutoring',
      teacherId: teacher.id,
      startTime: undefined,
    });

    const refusal = await trpcError(
      t.owner.client.immersio.tenant.removeMember.mutate({ userId: teacher.id }),
    );
    expect(refusal).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(refusal.message).toMatch(/still teaches 2 upcoming classes/);
    expect(refusal.message).toContain('Business English (next ');
    expect(refusal.message).toContain('Private Tutoring (booked by slot');
    const { classes } = await t.owner.client.immersio.tenant.memberClasses.query({ userId: teacher.id });
    expect(classes).toEqual([
      {
        workshopId: workshop.id,
        title: 'Business English',
        status: 'active',
        bookingMode: 'fixed',
        upcomingSessions: 2,
        nextSessionAt: workshop.sessions[0]!.startTime,
      },
      {
        workshopId: slotted.id,
        title: 'Private Tutoring',
        status: 'active',
        bookingMode: 'slots',
        upcomingSessions: 0,
        nextSessionAt: null,
      },
    ]);
    // Still a member: nothing changed.
    expect((await teacher.client.immersio.tenant.get.query({})).id).toBe(t.tenantId);

    await t.owner.client.immersio.workshop.update.mutate({ workshopId: workshop.id, teacherId: t.owner.id });
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: slotted.id, status: 'archived' });
    expect(await t.owner.client.immersio.tenant.removeMember.mutate({ userId: teacher.id })).toEqual({
      success: true,
    });
    expect(await trpcError(teacher.client.immersio.tenant.get.query({}))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect((await teacher.client.viewer.me.query()).memberships).toEqual([]);
    const members = (await t.owner.client.immersio.tenant.listMembers.query()).members;
    expect(members.map((m) => m.userId)).toEqual([t.owner.id]);
  });

  it('refuses the owner, oneself, strangers and a MEMBER caller; an admin removes an admin', async () => {
    const t = await createTenant(app);
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const second = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await createTenant(app);
    const remove = admin.client.immersio.tenant.removeMember;
    expect(await trpcError(remove.mutate({ userId: t.owner.id }))).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(await trpcError(remove.mutate({ userId: admin.id }))).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(await trpcError(remove.mutate({ userId: other.owner.id }))).toMatchObject({
      appCode: 'NOT_FOUND',
    });
    expect(
      await trpcError(member.client.immersio.tenant.removeMember.mutate({ userId: second.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(
      await trpcError(member.client.immersio.tenant.memberClasses.query({ userId: second.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(
      await trpcError(admin.client.immersio.tenant.memberClasses.query({ userId: other.owner.id })),
    ).toMatchObject({ appCode: 'NOT_FOUND' });
    expect(await remove.mutate({ userId: second.id })).toEqual({ success: true });
    expect(await trpcError(second.client.immersio.tenant.listInvites.query())).toMatchObject({
      appCode: 'FORBIDDEN',
    });
  });
});

describe('immersio.tenant.transferOwnership', () => {
  it('makes the member OWNER and the owner ADMIN, at once', async () => {
    const t = await createTenant(app);
    const next = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(await t.owner.client.immersio.tenant.transferOwnership.mutate({ userId: next.id })).toEqual({
      success: true,
    });
    const roles = Object.fromEntries(
      (await next.client.immersio.tenant.listMembers.query()).members.map((m) => [m.userId, m.role]),
    );
    expect(roles).toEqual({ [t.owner.id]: 'ADMIN', [next.id]: 'OWNER' });
    expect((await t.owner.client.viewer.me.query()).memberships[0]!.role).toBe('ADMIN');
    // The former owner is an admin now: no second transfer, and the new owner cannot be removed.
    expect(
      await trpcError(t.owner.client.immersio.tenant.transferOwnership.mutate({ userId: t.owner.id })),
    ).toMatchObject({ appCode: 'CONFLICT' });
    expect(
      await trpcError(t.owner.client.immersio.tenant.transferOwnership.mutate({ userId: next.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(
      await trpcError(t.owner.client.immersio.tenant.removeMember.mutate({ userId: next.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
  });

  it('refuses an admin, a MEMBER, a stranger and oneself', async () => {
    const t = await createTenant(app);
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await createTenant(app);
    expect(
      await trpcError(admin.client.immersio.tenant.transferOwnership.mutate({ userId: member.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(member.client.immersio.tenant.transferOwnership.mutate({ userId: admin.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(
      await trpcError(t.owner.client.immersio.tenant.transferOwnership.mutate({ userId: other.owner.id })),
    ).toMatchObject({ appCode: 'NOT_FOUND' });
    expect(
      await trpcError(t.owner.client.immersio.tenant.transferOwnership.mutate({ userId: t.owner.id })),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    const roles = (await t.owner.client.immersio.tenant.listMembers.query()).members.map((m) => m.role);
    expect(roles.filter((r) => r === 'OWNER')).toHaveLength(1);
  });
});

describe('immersio.tenant.getPlanUsage', () => {
  it('counts members and open invites, this month’s bookings and live workshops against the plan', async () => {
    const t = await createTenant(app, { plan: 'starter' });
    const workshop = await createWorkshop(t);
    const booked = await book(app, bookingRequest(t, workshop, `${unique('s')}@example.test`));
    expect(booked.status).toBe(201);
    await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: `${unique('i')}@example.test` });
    const usage = await t.owner.client.immersio.tenant.getPlanUsage.query();
    expect(usage.plan).toMatchObject({ type: 'starter', maxTeachers: 2, maxBookingsPerMonth: 100 });
    expect(usage.usage).toEqual({
      teachers: { used: 2, members: 1, openInvites: 1, limit: 2 },
      bookings: { used: 1, limit: 100 },
      eventTypes: { used: 1, limit: 10 },
    });
    expect(usage.period.timeZone).toBe('UTC');
    expect(usage.period.start.toISOString()).toMatch(/-01T00:00:00\.000Z$/);
    expect(usage.period.start.getTime()).toBeLessThanOrEqual(Date.now());
    expect(usage.period.end.getTime()).toBeGreaterThan(Date.now());
    expect(usage.plans.map((p) => p.type)).toEqual(['lite', 'starter', 'growth', 'pro', 'enterprise']);
    expect(usage.plans[0]!.features).toMatchObject({ whitelist: false });
  });

  it('a MEMBER is refused; each tenant sees only its own figures', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    await createWorkshop(a);
    const member = await addSignedInMember(app, a.tenantId, 'MEMBER');
    expect(await trpcError(member.client.immersio.tenant.getPlanUsage.query())).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect((await b.owner.client.immersio.tenant.getPlanUsage.query()).usage.eventTypes.used).toBe(0);
  });
});

describe('an expired invite', () => {
  it('no longer holds a seat: resending it is counted against the plan again', async () => {
    const t = await createTenant(app, { plan: 'starter' });
    const stale = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: `${unique('stale')}@example.test`,
    });
    app.clock.advance(8 * DAY);
    try {
      const { invites } = await t.owner.client.immersio.tenant.listInvites.query();
      expect(invites[0]).toMatchObject({ id: stale.inviteId, status: 'expired' });
      await t.owner.client.immersio.tenant.inviteTeacher.mutate({ email: `${unique('fresh')}@example.test` });
      const refused = await trpcError(
        t.owner.client.immersio.tenant.resendInvite.mutate({ inviteId: stale.inviteId }),
      );
      expect(refused).toMatchObject({ appCode: 'FORBIDDEN' });
      expect(refused.message).toMatch(/Plan limit reached/);
    } finally {
      app.clock.advance(-8 * DAY);
    }
  });
});

// Two instances on one database and one Redis: a role change or a removal on one is honoured by
// the other on the member's very next call, though it had their session cached.
describe.skipIf(!process.env.REDIS_URL)('two instances sharing Redis', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const redisPrefix = `ibs-test-team-${randomUUID()}:`;
    one = await startTestApp({ database, redisPrefix });
    two = await startTestApp({ database, redisPrefix });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await two?.database.close();
  });

  // Redis hands the event to the other instance's subscriber as it answers the publisher, but on a
  // loaded machine the member's next request can overtake it by a few milliseconds: the checks
  // allow the bus a second, far short of the 30 s the cached session would otherwise live.
  const soon = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 1_000, interval: 10 });

  it('demotion and removal reach the other instance within the bus round trip', async () => {
    const school = await createTenant(one);
    const member = await addSignedInMember(one, school.tenantId, 'ADMIN');
    const onTwo = trpcClient(two.baseUrl, member.token);
    expect(await onTwo.immersio.tenant.listInvites.query()).toEqual({ invites: [] });
    await school.owner.client.immersio.tenant.changeMemberRole.mutate({ userId: member.id, role: 'MEMBER' });
    await soon(async () => {
      expect(await trpcError(onTwo.immersio.tenant.listInvites.query())).toMatchObject({
        appCode: 'FORBIDDEN',
      });
    });
    expect((await onTwo.immersio.tenant.get.query({})).id).toBe(school.tenantId);
    await school.owner.client.immersio.tenant.removeMember.mutate({ userId: member.id });
    await soon(async () => {
      expect(await trpcError(onTwo.immersio.tenant.get.query({}))).toMatchObject({ appCode: 'FORBIDDEN' });
    });
  });
});
