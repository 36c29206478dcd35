import { describe, expect, it } from 'vitest';
import { createTenant, unique, useTestApp } from '../support/app.ts';

const app = useTestApp();
const EVIL = 'https://evil.example';

/** The browser's session cookie for a bearer token (better-auth signs the cookie's value). */
async function cookieFor(email: string, password: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.baseUrl },
    body: JSON.stringify({ email, password }),
  });
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith('ibs.session_token='))!
    .split(';')[0]!;
}

async function invitation() {
  const t = await createTenant(app);
  const { inviteLink } = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
    email: `${unique('csrf')}@example.test`,
    name: 'Invited',
  });
  return inviteLink.split('/').pop()!;
}

describe('login CSRF through invitations', () => {
  it('a cross-site form accepting an invitation is refused and sets no cookie', async () => {
    const token = await invitation();
    const viaPage = await fetch(`${app.baseUrl}/invite/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      body: new URLSearchParams({ name: 'Victim', password: 'attacker-password-1' }).toString(),
      redirect: 'manual',
    });
    expect(viaPage.status).toBe(403);
    expect(viaPage.headers.getSetCookie()).toEqual([]);
    const viaApi = await fetch(`${app.baseUrl}/api/v1/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ name: 'Victim', password: 'attacker-password-1' }),
    });
    expect(viaApi.status).toBe(403);
    expect(await viaApi.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(viaApi.headers.getSetCookie()).toEqual([]);
    // The invitation is still open for its real recipient.
    const shown = await fetch(`${app.baseUrl}/api/v1/invites/${token}`);
    expect(shown.status).toBe(200);
  });

  it('API clients (no Origin, no Sec-Fetch-Site) still accept invitations', async () => {
    const token = await invitation();
    const accepted = await fetch(`${app.baseUrl}/api/v1/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Api Teacher', password: 'api-teacher-password-1' }),
    });
    expect(accepted.status).toBe(200);
  });
});

describe('the cross-site check and the Authorization header', () => {
  const change = (cookie: string, headers: Record<string, string>) =>
    fetch(`${app.baseUrl}/api/trpc/immersio.landing.updateSettings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: EVIL, ...headers },
      body: JSON.stringify({ json: { primaryColor: '#ff0000' } }),
    });

  it('an Authorization header that is not the credential used does not lift the check', async () => {
    const t = await createTenant(app);
    const cookie = await cookieFor(t.owner.email, t.owner.password);
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer ', 'Token abc', 'bearer']) {
      const response = await change(cookie, { authorization });
      expect(response.status, authorization).toBe(403);
    }
    const tenant = await t.owner.client.immersio.tenant.get.query({});
    expect(JSON.stringify(tenant)).not.toContain('#ff0000');
  });

  it('a bearer token is the credential used: no browser sends it by itself, so it passes', async () => {
    const t = await createTenant(app);
    const response = await change('', { authorization: `Bearer ${t.owner.token}` });
    expect(response.status).toBe(200);
  });
});
