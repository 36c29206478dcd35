import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/outbox.ts';
import { insertUser } from '../../src/modules/auth/users.repo.ts';
import {
  createTenant,
  signIn,
  startTestApp,
  type TestApp,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { mailsTo } from '../support/mail.ts';

const app = useTestApp({ env: { RATE_LIMIT_PASSWORD_RESET: '100000' } });

const post = (target: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const requestReset = (email: string, target: TestApp = app) =>
  post(target, '/api/auth/request-password-reset', { email });
const resetPassword = (token: string, newPassword: string, target: TestApp = app) =>
  post(target, '/api/auth/reset-password', { token, newPassword });

/** The token of the newest reset e-mail to `email`, checking the link is the app's page. */
async function resetTokenFor(email: string, already = 0): Promise<string> {
  const mails = await mailsTo(app, email, 'Reset your Immersio Booking password');
  expect(mails.length).toBeGreaterThan(already);
  const link = /(http\S+)/.exec(mails.at(-1)!.text.split('Choose a new password: ')[1]!)![1]!;
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3000/app/reset-password');
  return url.searchParams.get('token')!;
}

async function emailRowsTo(email: string): Promise<number> {
  const rows = await app.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(sql`${outbox.kind} = 'email' and ${outbox.payload}->>'to' = ${email}`);
  return rows.length;
}

describe('password reset', () => {
  it('answers the same whether or not the address has an account, and e-mails only real accounts', async () => {
    const t = await createTenant(app);
    const studentEmail = `${unique('student')}@example.test`;
    await insertUser(app.database.db, { email: studentEmail, name: 'Student' });
    const answers = [];
    for (const email of [t.owner.email.toUpperCase(), `${unique('nobody')}@example.test`, studentEmail]) {
      const response = await requestReset(email);
      expect(response.status).toBe(200);
      answers.push(await response.json());
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await resetTokenFor(t.owner.email);
    expect(await emailRowsTo(t.owner.email)).toBe(1);
    expect(await emailRowsTo(studentEmail)).toBe(0);
  });

  it('sets the new password once, ends every session of the user, and keeps the token hashed', async () => {
    const t = await createTenant(app);
    // Cached by the viewer cache: the reset must end it anyway.
    await t.owner.client.viewer.me.query();
    expect((await requestReset(t.owner.email)).status).toBe(200);
    const token = await resetTokenFor(t.owner.email);
    const stored = await app.database.db.execute(sql`select identifier from verifications`);
    expect(JSON.stringify(stored)).not.toContain(token);

    const response = await resetPassword(token, 'the-new-password-1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: true });
    expect(await trpcError(t.owner.client.viewer.me.query())).toMatchObject({ appCode: 'UNAUTHORIZED' });
    await expect(signIn(app.baseUrl, t.owner.email, t.owner.password)).rejects.toThrow(/401/);
    await expect(signIn(app.baseUrl, t.owner.email, 'the-new-password-1')).resolves.toBeTruthy();

    const again = await resetPassword(token, 'another-password-2');
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      error: 'This reset link is invalid or has expired: ask for a new one',
      code: 'INVALID_TOKEN',
    });
  });

  it('refuses an unknown or expired token and a too-short password', async () => {
    expect((await resetPassword('x'.repeat(24), 'long-enough-password')).status).toBe(401);

    const t = await createTenant(app);
    await requestReset(t.owner.email);
    const token = await resetTokenFor(t.owner.email);
    const short = await resetPassword(token, 'short');
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ code: 'VALIDATION_ERROR', issues: [{ path: 'newPassword' }] });

    await app.database.db.execute(sql`update verifications set expires_at = now() - interval '1 second'`);
    const expired = await resetPassword(token, 'long-enough-password');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: string }).code).toBe('INVALID_TOKEN');
    await expect(signIn(app.baseUrl, t.owner.email, t.owner.password)).resolves.toBeTruthy();
  });

  it('refuses malformed bodies and requests from another site', async () => {
    const bad = await requestReset('not-an-email');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_ERROR', issues: [{ path: 'email' }] });
    expect(
      (await post(app, '/api/auth/reset-password', { newPassword: 'long-enough-password' })).status,
    ).toBe(400);
    const crossSite = await post(
      app,
      '/api/auth/request-password-reset',
      { email: 'someone@example.test' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });
});

describe('password reset rate limits', () => {
  it('limits e-mails per address and both endpoints per IP', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_PASSWORD_RESET: '2', RATE_LIMIT_SIGN_IN: '6' } });
    try {
      const email = `${unique('flood')}@example.test`;
      expect((await requestReset(email, limited)).status).toBe(200);
      expect((await requestReset(email, limited)).status).toBe(200);
      const flooded = await requestReset(email, limited);
      expect(flooded.status).toBe(429);
      expect(await flooded.json()).toEqual({ error: 'Too many requests', code: 'RATE_LIMITED' });
      expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await requestReset(`${unique('other')}@example.test`, limited)).status).toBe(200);
      // Six per IP per minute in all (the sign-in budget): two more, then 429.
      expect((await resetPassword('y'.repeat(24), 'long-enough-password', limited)).status).toBe(401);
      expect((await resetPassword('y'.repeat(24), 'long-enough-password', limited)).status).toBe(401);
      expect((await resetPassword('y'.repeat(24), 'long-enough-password', limited)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
