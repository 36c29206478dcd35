import { describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  signIn,
  trpcClient,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { createWorkshop, getJson } from '../support/bookings.ts';

// immersio.account.* (issue 15): the signed-in person's name, zone, password and sessions, for
// any role, through better-auth's own session and password APIs; never with an API key.

const app = useTestApp();

const signedIn = async (email: string, password: string) => {
  const token = await signIn(app.baseUrl, email, password);
  return { token, client: trpcClient(app.baseUrl, token) };
};

describe('immersio.account.updateProfile', () => {
  it('renames and re-zones a MEMBER; viewer.me and the members list show it at once', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(await member.client.viewer.me.query()).toMatchObject({ timeZone: 'UTC' });
    const updated = await member.client.immersio.account.updateProfile.mutate({
      name: '  Jane Q. Teacher ',
      timeZone: 'America/New_York',
    });
    expect(updated).toEqual({
      id: member.id,
      name: 'Jane Q. Teacher',
      email: member.email,
      timeZone: 'America/New_York',
      // Issue 18: the profile's language comes back too (unchanged here).
      language: 'en',
    });
    expect(await member.client.viewer.me.query()).toMatchObject({
      name: 'Jane Q. Teacher',
      timeZone: 'America/New_York',
    });
    const listed = (await t.owner.client.immersio.tenant.listMembers.query()).members.find(
      (m) => m.userId === member.id,
    );
    expect(listed).toMatchObject({ name: 'Jane Q. Teacher', timeZone: 'America/New_York' });
  });

  it('400 VALIDATION_ERROR naming the field for an unknown zone or an empty name; 401 signed out', async () => {
    const t = await createTenant(app);
    const bad = await trpcError(
      t.owner.client.immersio.account.updateProfile.mutate({ name: 'Owner', timeZone: 'Mars/Olympus' }),
    );
    expect(bad).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(bad.message).toMatch(/timeZone/);
    const empty = await trpcError(
      t.owner.client.immersio.account.updateProfile.mutate({ name: '  ', timeZone: 'UTC' }),
    );
    expect(empty.message).toMatch(/name/);
    expect(
      await trpcError(
        trpcClient(app.baseUrl).immersio.account.updateProfile.mutate({ name: 'X', timeZone: 'UTC' }),
      ),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it('a new name reaches the public workshop answer at once (its cached answer is dropped)', async () => {
    const t = await createTenant(app);
    const workshop = await createWorkshop(t);
    const path = `/api/v1/public/workshops/${workshop.slug}?tenantSlug=${t.slug}`;
    expect((await getJson(app, path)).body.teacher.name).toBe('Owner');
    await t.owner.client.immersio.account.updateProfile.mutate({ name: 'Renamed Owner', timeZone: 'UTC' });
    expect((await getJson(app, path)).body.teacher.name).toBe('Renamed Owner');
  });
});

describe('immersio.account sessions', () => {
  it('lists every live session (this one first, no tokens); "sign out everywhere else" ends the others at once', async () => {
    const t = await createTenant(app);
    const second = await signedIn(t.owner.email, t.owner.password);
    const third = await signedIn(t.owner.email, t.owner.password);
    const { sessions } = await t.owner.client.immersio.account.listSessions.query();
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ current: true, viaImmersio: false });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain(t.owner.token);
    // Cached on this instance before the revocation: the bus must drop it.
    expect((await second.client.viewer.me.query()).email).toBe(t.owner.email);

    expect(await t.owner.client.immersio.account.revokeOtherSessions.mutate()).toEqual({
      success: true,
      signedOut: 2,
    });
    for (const other of [second, third]) {
      expect(await trpcError(other.client.viewer.me.query())).toMatchObject({ appCode: 'UNAUTHORIZED' });
    }
    expect((await t.owner.client.immersio.account.listSessions.query()).sessions).toHaveLength(1);
  });

  it('ends one other session by id; not this one (400) nor someone else’s (404)', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await signedIn(member.email, member.password);
    const sessions = (await member.client.immersio.account.listSessions.query()).sessions;
    const current = sessions.find((s) => s.current)!;
    const elsewhere = sessions.find((s) => !s.current)!;
    expect(
      await trpcError(member.client.immersio.account.revokeSession.mutate({ sessionId: current.id })),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR' });
    const ownersSession = (await t.owner.client.immersio.account.listSessions.query()).sessions[0]!;
    expect(
      await trpcError(member.client.immersio.account.revokeSession.mutate({ sessionId: ownersSession.id })),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    expect(await member.client.immersio.account.revokeSession.mutate({ sessionId: elsewhere.id })).toEqual({
      success: true,
    });
    expect(await trpcError(other.client.viewer.me.query())).toMatchObject({ appCode: 'UNAUTHORIZED' });
    expect((await t.owner.client.viewer.me.query()).id).toBe(t.owner.id);
  });
});

describe('immersio.account.changePassword', () => {
  it('needs the current password; the new one signs in, the old one no longer does, other sessions end', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const elsewhere = await signedIn(member.email, member.password);
    const wrong = await trpcError(
      member.client.immersio.account.changePassword.mutate({
        currentPassword: 'not-the-password',
        newPassword: 'a-brand-new-password',
      }),
    );
    expect(wrong).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(wrong.message).toMatch(/currentPassword/);
    const same = await trpcError(
      member.client.immersio.account.changePassword.mutate({
        currentPassword: member.password,
        newPassword: member.password,
      }),
    );
    expect(same.message).toMatch(/newPassword/);
    const short = await trpcError(
      member.client.immersio.account.changePassword.mutate({
        currentPassword: member.password,
        newPassword: 'short',
      }),
    );
    expect(short.message).toMatch(/newPassword/);

    expect(
      await member.client.immersio.account.changePassword.mutate({
        currentPassword: member.password,
        newPassword: 'a-brand-new-password',
      }),
    ).toEqual({ success: true, signedOutOtherSessions: true });
    // This session goes on; the other one ended.
    expect((await member.client.viewer.me.query()).id).toBe(member.id);
    expect(await trpcError(elsewhere.client.viewer.me.query())).toMatchObject({ appCode: 'UNAUTHORIZED' });
    await expect(signIn(app.baseUrl, member.email, member.password)).rejects.toThrow(/401/);
    await signIn(app.baseUrl, member.email, 'a-brand-new-password');
  });

  it('keeps other sessions when asked to', async () => {
    const t = await createTenant(app);
    const elsewhere = await signedIn(t.owner.email, t.owner.password);
    await t.owner.client.immersio.account.changePassword.mutate({
      currentPassword: t.owner.password,
      newPassword: 'owner-password-456',
      signOutOtherSessions: false,
    });
    expect((await elsewhere.client.viewer.me.query()).id).toBe(t.owner.id);
  });
});

describe('immersio.account and API keys', () => {
  it('an API key acts for a school, not a person: every account call is 403', async () => {
    const t = await createTenant(app);
    const { key } = await t.owner.client.immersio.apiKey.create.mutate({ name: 'Script' });
    const byKey = trpcClient(app.baseUrl, key);
    for (const call of [
      () => byKey.immersio.account.listSessions.query(),
      () => byKey.immersio.account.revokeOtherSessions.mutate(),
      () => byKey.immersio.account.updateProfile.mutate({ name: 'Hijacked', timeZone: 'UTC' }),
      () =>
        byKey.immersio.account.changePassword.mutate({
          currentPassword: 'x',
          newPassword: 'long-enough-password',
        }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    expect((await t.owner.client.viewer.me.query()).name).toBe('Owner');
  });
});
