import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/modules/tenants/provisioning.ts';
import {
  addSignedInMember,
  type Client,
  createTenant,
  signIn,
  startTestApp,
  type TestApp,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';
import { mailsTo, sentMail } from '../support/mail.ts';

// immersio.account.changeEmail (issue 15, item 6): better-auth's change-email. The current password
// is checked, a link goes to the NEW address, and the address changes only when it is followed
// (GET /api/auth/verify-email, which always lands on /app/account?email=…).

const app = useTestApp();

const LINK_SUBJECT = 'Confirm your new Immersio Booking e-mail address';
const NOTICE_SUBJECT = 'Your Immersio Booking e-mail address was changed';
const newAddress = () => `${unique('new')}@example.test`;

/** The newest link e-mail to `email`, pointed at the test server. */
async function linkSentTo(target: TestApp, email: string, already = 0): Promise<string> {
  const mails = await mailsTo(target, email, LINK_SUBJECT);
  expect(mails.length).toBeGreaterThan(already);
  const link = new URL(/(http\S+)/.exec(mails.at(-1)!.text.split('Confirm the new address: ')[1]!)![1]!);
  expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/api/auth/verify-email');
  expect([...link.searchParams.keys()]).toEqual(['token']);
  return `${target.baseUrl}${link.pathname}${link.search}`;
}

/** Follows a link as a browser would (optionally signed in); gives where it lands. */
async function follow(link: string, token?: string): Promise<string | null> {
  const response = await fetch(link, {
    redirect: 'manual',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(303);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response.headers.get('location');
}

async function signInStatus(target: TestApp, email: string, password: string): Promise<number> {
  const response = await fetch(`${target.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

const changeEmail = (client: Client, newEmail: string, currentPassword: string) =>
  client.immersio.account.changeEmail.mutate({ newEmail, currentPassword });

describe('immersio.account.changeEmail', () => {
  it('mails a link to the new address; following it changes the address (viewer.me, sign-in, team) and tells the old one', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const target = newAddress();
    expect(await member.client.viewer.me.query()).toMatchObject({ email: member.email });

    const answer = await changeEmail(member.client, `  ${target.toUpperCase()} `, member.password);
    expect(answer).toEqual({ pendingEmail: target });
    const link = await linkSentTo(app, target);
    // Nothing changes before the link is followed.
    expect(await member.client.viewer.me.query()).toMatchObject({ email: member.email });
    expect(await signInStatus(app, member.email, member.password)).toBe(200);

    expect(await follow(link)).toBe('/app/account?email=changed');
    // The cached viewer was dropped: the same session sees the new address at once.
    expect(await member.client.viewer.me.query()).toMatchObject({ id: member.id, email: target });
    expect(await signInStatus(app, member.email, member.password)).toBe(401);
    expect(await signInStatus(app, target, member.password)).toBe(200);
    const listed = (await t.owner.client.immersio.tenant.listMembers.query()).members.find(
      (m) => m.userId === member.id,
    );
    expect(listed).toMatchObject({ email: target, role: 'MEMBER' });

    const [notice] = await mailsTo(app, member.email, NOTICE_SUBJECT);
    expect(notice!.text).toContain(`no longer signs in with ${member.email}`);
    expect(notice!.text).not.toContain(target);
  });

  it('a link works once, only for its account, and only while the account keeps the address it started from', async () => {
    const t = await createTenant(app);
    const first = newAddress();
    const second = newAddress();
    await changeEmail(t.owner.client, first, t.owner.password);
    await changeEmail(t.owner.client, second, t.owner.password);
    const firstLink = await linkSentTo(app, first);
    const secondLink = await linkSentTo(app, second);

    // Opened in someone else's session: refused, nothing changes.
    const other = await addSignedInMember(app, t.tenantId, 'ADMIN');
    expect(await follow(secondLink, other.token)).toBe('/app/account?email=invalid');
    expect(await t.owner.client.viewer.me.query()).toMatchObject({ email: t.owner.email });

    // Opened signed in as the account itself: fine.
    expect(await follow(secondLink, t.owner.token)).toBe('/app/account?email=changed');
    expect(await t.owner.client.viewer.me.query()).toMatchObject({ email: second });
    // Used once, and the other pending link died with the old address.
    expect(await follow(secondLink)).toBe('/app/account?email=invalid');
    expect(await follow(firstLink)).toBe('/app/account?email=invalid');
    expect(await t.owner.client.viewer.me.query()).toMatchObject({ email: second });
  });

  it('lands on ?email=invalid for a garbage, tampered or missing token', async () => {
    const t = await createTenant(app);
    const target = newAddress();
    await changeEmail(t.owner.client, target, t.owner.password);
    const link = new URL(await linkSentTo(app, target));
    const [head, payload, signature] = link.searchParams.get('token')!.split('.');
    // Same signature, a payload pointing at another address: refused, and a forged token learns
    // nothing either (not even whether the address it names is taken).
    const colleague = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const base = `${app.baseUrl}/api/auth/verify-email`;
    for (const updateTo of ['thief@example.test', colleague.email]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, updateTo })).toString('base64url');
      expect(await follow(`${base}?token=${head}.${forged}.${signature}`)).toBe('/app/account?email=invalid');
    }
    expect(await follow(`${base}?token=not-a-token`)).toBe('/app/account?email=invalid');
    expect(await follow(base)).toBe('/app/account?email=invalid');
    expect(await t.owner.client.viewer.me.query()).toMatchObject({ email: t.owner.email });
    // A callbackURL of the caller's is never followed.
    expect(
      await follow(
        `${link.href.replace('http://localhost:3000', app.baseUrl)}&callbackURL=https://evil.test/`,
      ),
    ).toBe('/app/account?email=changed');
  });

  it('409 CONFLICT for an address another account uses; ?email=taken when it was taken after the request', async () => {
    const t = await createTenant(app);
    const colleague = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(
      await trpcError(changeEmail(t.owner.client, colleague.email.toUpperCase(), t.owner.password)),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(await sentMail(app, colleague.email)).toEqual([]);

    const target = newAddress();
    await changeEmail(t.owner.client, target, t.owner.password);
    const link = await linkSentTo(app, target);
    await addMember(app.database.db, {
      tenantId: t.tenantId,
      role: 'MEMBER',
      user: { email: target, name: 'Got there first', password: 'first-password-123' },
    });
    expect(await follow(link)).toBe('/app/account?email=taken');
    expect(await t.owner.client.viewer.me.query()).toMatchObject({ email: t.owner.email });
  });

  it('400 VALIDATION_ERROR for a bad address, the current address or a wrong password; nothing is sent', async () => {
    const t = await createTenant(app);
    const bad = await trpcError(changeEmail(t.owner.client, 'not an address', t.owner.password));
    expect(bad).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(bad.message).toMatch(/newEmail/);
    const same = await trpcError(changeEmail(t.owner.client, t.owner.email.toUpperCase(), t.owner.password));
    expect(same).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(same.message).toMatch(/newEmail: is already your address/);

    const target = newAddress();
    const wrong = await trpcError(changeEmail(t.owner.client, target, 'not-my-password'));
    expect(wrong).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(wrong.message).toMatch(/currentPassword: is not your current password/);
    const empty = await trpcError(changeEmail(t.owner.client, target, ''));
    expect(empty.message).toMatch(/currentPassword/);
    // Still signed in, and no link went out.
    expect(await t.owner.client.viewer.me.query()).toMatchObject({ email: t.owner.email });
    expect(await sentMail(app, target)).toEqual([]);
  });

  it('401 signed out; 403 for an API key (a key is not a person)', async () => {
    const t = await createTenant(app);
    expect(
      await trpcError(changeEmail(trpcClient(app.baseUrl), newAddress(), 'whatever-password')),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
    const { key } = await t.owner.client.immersio.apiKey.create.mutate({ name: 'Script' });
    expect(
      await trpcError(changeEmail(trpcClient(app.baseUrl, key), newAddress(), t.owner.password)),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
  });
});

describe('immersio.account.changeEmail budgets', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ env: { RATE_LIMIT_SIGN_IN: '4' } });
  });
  afterAll(() => limited?.close());

  it('takes the sign-in budget per person, and five link e-mails an hour per new address', async () => {
    const a = await createTenant(limited);
    const b = await createTenant(limited);
    const target = `${unique('popular')}@example.test`;
    // Four per person (the procedure's budget is keyed by user, the REST sign-in's by IP).
    for (let i = 0; i < 4; i++) await changeEmail(a.owner.client, target, a.owner.password);
    expect(await trpcError(changeEmail(a.owner.client, target, a.owner.password))).toMatchObject({
      appCode: 'RATE_LIMITED',
      httpStatus: 429,
    });
    // The address has had four of its five: another person gets one more, then 429 too.
    await changeEmail(b.owner.client, target, b.owner.password);
    expect(await trpcError(changeEmail(b.owner.client, target, b.owner.password))).toMatchObject({
      appCode: 'RATE_LIMITED',
      httpStatus: 429,
    });
    await mailsTo(limited, target, LINK_SUBJECT);
  });

  it('the link route takes the sign-in budget per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${limited.baseUrl}/api/auth/verify-email?token=x`, {
        redirect: 'manual',
      });
      expect(response.headers.get('ratelimit-policy')).toBe('4;w=60');
      statuses.push(response.status);
    }
    expect(statuses).toContain(303);
    expect(statuses.at(-1)).toBe(429);
  });
});

// Two instances on one database and one Redis: the change made through one is seen on the other.
describe.skipIf(!process.env.REDIS_URL)('two instances sharing Redis', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const redisPrefix = `ibs-test-account-email-${randomUUID()}:`;
    one = await startTestApp({ database, redisPrefix });
    two = await startTestApp({ database, redisPrefix, worker: false });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await two?.database.close();
  });

  it('drops the cached viewer on the other instance when the link is followed', async () => {
    const t = await createTenant(one);
    const onTwo = trpcClient(two.baseUrl, t.owner.token);
    expect(await onTwo.viewer.me.query()).toMatchObject({ email: t.owner.email });
    const target = `${unique('moved')}@example.test`;
    await changeEmail(t.owner.client, target, t.owner.password);
    expect(await follow(await linkSentTo(one, target))).toBe('/app/account?email=changed');
    expect(await onTwo.viewer.me.query()).toMatchObject({ email: target });
    expect(await signIn(two.baseUrl, target, t.owner.password)).toEqual(expect.any(String));
  });
});
