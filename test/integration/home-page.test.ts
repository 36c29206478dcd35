import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { findOrCreateUserWithPassword } from '../../src/modules/auth/accounts.ts';
import { createTenant, unique, useTestApp } from '../support/app.ts';

const BOOKING_DOMAIN = 'booking.test';
const app = useTestApp({ env: { BOOKING_DOMAIN } });

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });
}

/** GET with another Host header (fetch will not send one). */
function getOnHost(host: string, path = '/') {
  const url = new URL(app.baseUrl);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function sessionCookie(email: string, password: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.baseUrl },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith('ibs.session_token='))!
    .split(';')[0]!;
}

describe('GET / on the main host', () => {
  it('signed out: a short page saying what the service is, with sign-in and sign-up, never cached', async () => {
    for (const path of ['/', '/?utm_source=newsletter']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('vary')).toContain('Cookie');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toMatch(/style-src 'sha256-[^']+'/);
      expect(csp).not.toContain('unsafe-inline');
      const html = await response.text();
      expect(html).toContain('<h1>Class bookings for language schools</h1>');
      expect(html).toContain('<a class="btn" href="/app/sign-up">Create your school</a>');
      expect(html).toContain('<a class="btn btn-secondary" href="/app/sign-in">Sign in</a>');
      expect(html).not.toContain('<script');
    }
  });

  it('a school member with a session cookie goes to the staff app', async () => {
    const t = await createTenant(app);
    const response = await get('/', { cookie: await sessionCookie(t.owner.email, t.owner.password) });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/app/');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('a stale cookie, a session without a school, or a bearer token alone see the page', async () => {
    expect((await get('/', { cookie: 'ibs.session_token=not-a-session' })).status).toBe(200);

    const email = `${unique('schoolless')}@example.test`;
    await findOrCreateUserWithPassword(app.database.db, {
      email,
      name: 'No School',
      password: 'password-1234',
    });
    expect((await get('/', { cookie: await sessionCookie(email, 'password-1234') })).status).toBe(200);

    const t = await createTenant(app);
    expect((await get('/', { authorization: `Bearer ${t.owner.token}` })).status).toBe(200);
  });
});

describe('GET / on a school host', () => {
  it("stays the school's landing page", async () => {
    const t = await createTenant(app, { name: 'Escuela Sol' });
    await t.owner.client.immersio.landing.updateSettings.mutate({ pageTitle: 'Learn Spanish with us' });
    await t.owner.client.immersio.landing.publish.mutate({});
    const landing = await getOnHost(`${t.slug}.${BOOKING_DOMAIN}`);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('Escuela Sol');
    expect(landing.body).not.toContain('Create your school');
    expect((await getOnHost(`no-such-school.${BOOKING_DOMAIN}`)).status).toBe(404);
  });
});
