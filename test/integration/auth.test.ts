import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startTestApp, type TenantFixture, type TestApp, trpcClient } from '../support/app.ts';

let app: TestApp;
let tenant: TenantFixture;

beforeAll(async () => {
  app = await startTestApp();
  tenant = await createTenant(app);
});
afterAll(() => app?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/auth/sign-in/email', () => {
  it('signs in: 200, token in the body, HttpOnly SameSite=Lax cookie', async () => {
    const response = await post('/api/auth/sign-in/email', {
      email: tenant.owner.email.toUpperCase(),
      password: tenant.owner.password,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; user: { email: string } };
    expect(body.token).toMatch(/^\S{20,}$/);
    expect(body.user.email).toBe(tenant.owner.email);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ibs.session_token='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('wrong password and unknown email both answer 401 UNAUTHORIZED with the same message', async () => {
    const wrongPassword = await post('/api/auth/sign-in/email', {
      email: tenant.owner.email,
      password: 'not-the-password',
    });
    const unknownEmail = await post('/api/auth/sign-in/email', {
      email: 'nobody@example.test',
      password: 'whatever-password',
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const a = await wrongPassword.json();
    const b = await unknownEmail.json();
    expect(a).toEqual({ error: 'Invalid email or password', code: 'UNAUTHORIZED' });
    expect(b).toEqual(a);
  });

  it('malformed JSON and missing fields are 400 VALIDATION_ERROR', async () => {
    const malformed = await post('/api/auth/sign-in/email', '{"email":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('VALIDATION_ERROR');
    const missing = await post('/api/auth/sign-in/email', { email: tenant.owner.email });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe('VALIDATION_ERROR');
  });

  it('a sign-in posted from another site is refused (login CSRF)', async () => {
    const response = await post(
      '/api/auth/sign-in/email',
      { email: tenant.owner.email, password: tenant.owner.password },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
    const sameSite = await post(
      '/api/auth/sign-in/email',
      { email: tenant.owner.email, password: tenant.owner.password },
      { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
    );
    expect(sameSite.status).toBe(200);
  });

  it('sign-up is not exposed', async () => {
    const response = await post('/api/auth/sign-up/email', {
      email: 'x@example.test',
      password: 'password-123',
      name: 'X',
    });
    expect(response.status).toBe(404);
  });
});

describe('sessions on tRPC', () => {
  it('accepts the session as a cookie and as a bearer token', async () => {
    const response = await post('/api/auth/sign-in/email', {
      email: tenant.owner.email,
      password: tenant.owner.password,
    });
    const { token } = (await response.json()) as { token: string };
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    const viaCookie = await fetch(`${app.baseUrl}/api/trpc/viewer.me`, { headers: { cookie } });
    expect(viaCookie.status).toBe(200);
    const viaBearer = await trpcClient(app.baseUrl, token).viewer.me.query();
    expect(viaBearer.email).toBe(tenant.owner.email);
  });

  it('without a session: 401 UNAUTHORIZED', async () => {
    const response = await fetch(`${app.baseUrl}/api/trpc/viewer.me`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { json: { data: { appCode: string } } } };
    expect(body.error.json.data.appCode).toBe('UNAUTHORIZED');
  });

  it('sign-out ends the session at once', async () => {
    const response = await post('/api/auth/sign-in/email', {
      email: tenant.owner.email,
      password: tenant.owner.password,
    });
    const { token } = (await response.json()) as { token: string };
    const client = trpcClient(app.baseUrl, token);
    await client.viewer.me.query();
    const out = await fetch(`${app.baseUrl}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);
    await expect(client.viewer.me.query()).rejects.toMatchObject({ data: { appCode: 'UNAUTHORIZED' } });
  });

  it('refuses cookie-authenticated mutations from another site', async () => {
    const response = await post('/api/auth/sign-in/email', {
      email: tenant.owner.email,
      password: tenant.owner.password,
    });
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    const mutation = (origin: string) =>
      fetch(`${app.baseUrl}/api/trpc/viewer.switchTenant`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ json: { tenantId: tenant.tenantId } }),
      });
    const evil = await mutation('https://evil.example');
    expect(evil.status).toBe(403);
    const body = (await evil.json()) as { error: { json: { data: { appCode: string } } } };
    expect(body.error.json.data.appCode).toBe('FORBIDDEN');
    const ours = await mutation('http://localhost:3000');
    expect(ours.status).toBe(200);
    const noOrigin = await fetch(`${app.baseUrl}/api/trpc/viewer.switchTenant`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ json: { tenantId: tenant.tenantId } }),
    });
    expect(noOrigin.status).toBe(403);
    const restSignOut = await fetch(`${app.baseUrl}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(restSignOut.status).toBe(403);
    expect(await restSignOut.json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});
