import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/http/openapi/registry.ts';
import { createTenant, useTestApp } from '../support/app.ts';
import { bookingRequest, createWorkshop, manageParts } from '../support/bookings.ts';
import { emulatorOf, payingSchool } from '../support/enrolments.ts';
import { SSO_ENV, signStudentToken } from '../support/immersio-sso.ts';
import { documentedFetch } from '../support/openapi.ts';
import { createPass } from '../support/passes.ts';
import { fullWorkshop, joinRequest } from '../support/waitlist.ts';

const app = useTestApp({
  env: { ...SSO_ENV, IMMERSIO_SSO_AUTHORIZE_URL: 'https://immersio.test/oauth/authorize' },
});
const call = (method: string, path: string, init: Parameters<typeof documentedFetch>[3] = {}) =>
  documentedFetch(app.baseUrl, method, path, init);
const BAD_UID = (prefix: string) => `${prefix}_${'0'.repeat(20)}`;
const TOKEN = 'x'.repeat(43);

/** `METHOD /path` for every route in Fastify's printed radix tree (children print their suffix). */
function routeTable(printed: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^(.*?)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const segment = match[2]!;
    const path =
      parent.endsWith('/') || segment.startsWith('/') || !parent ? parent + segment : `${parent}/${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of match[3]!.split(', ')) {
      if (method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${path}`);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is served as OpenAPI 3.1 and lists every route', async () => {
    const { status, body, response } = await call('GET', '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const operations = Object.values(body.paths as Record<string, object>).flatMap((p) => Object.keys(p));
    expect(operations).toHaveLength(ROUTES.length);
  });

  it('has a docs page under a CSP allowing only its own scripts', async () => {
    const page = await fetch(`${app.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>|https?:\/\//);
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const asset = await fetch(`${app.baseUrl}${src[1]}`);
      expect(asset.status, src[1]).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(10);
    }
    expect((await fetch(`${app.baseUrl}/api/docs/nope.js`)).status).toBe(404);
  });

  it('matches Fastify’s route table both ways', () => {
    const registered = new Set(
      routeTable(app.running.app.printRoutes({ commonPrefix: false })).filter((r) =>
        r.split(' ')[1]!.startsWith('/api/v1/'),
      ),
    );
    const documented = new Set(
      ROUTES.filter((r) => r.path.startsWith('/api/v1/')).map((r) => `${r.method.toUpperCase()} ${r.path}`),
    );
    expect([...registered].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !registered.has(r))).toEqual([]);
    for (const route of ROUTES) {
      expect(app.running.app.hasRoute({ method: route.method.toUpperCase() as 'GET', url: route.path })).toBe(
        true,
      );
    }
  });
});

describe('real answers match the document', () => {
  it('health', async () => {
    expect((await call('GET', '/api/health')).status).toBe(200);
    expect((await call('GET', '/api/ready')).status).toBe(200);
  });

  it('catalogue, bookings and their errors', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 3 });
    await t.owner.client.immersio.landing.publish.mutate({});
    expect((await call('GET', `/api/v1/public/landing/${t.slug}`)).status).toBe(200);
    expect((await call('GET', '/api/v1/public/landing/no-such-school')).status).toBe(404);
    const landing = await call('GET', `/api/v1/public/landing/${t.slug}`);
    const etag = landing.response.headers.get('etag')!;
    expect(
      (await call('GET', `/api/v1/public/landing/${t.slug}`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await call('GET', `/api/v1/public/workshops/${w.slug}?tenantSlug=${t.slug}`)).status).toBe(200);
    expect((await call('GET', `/api/v1/public/workshops/${w.slug}`)).status).toBe(400);
    expect((await call('GET', `/api/v1/public/workshops/${w.slug}/slots?tenantSlug=${t.slug}`)).status).toBe(
      200,
    );
    expect((await call('GET', `/api/v1/public/workshops/${w.slug}/slots`)).status).toBe(400);

    const made = await call('POST', '/api/v1/public/bookings', {
      body: bookingRequest(t, w, 'oa@example.test'),
    });
    expect(made.status).toBe(201);
    expect((await call('POST', '/api/v1/public/bookings', { body: {} })).status).toBe(400);
    const { uid, token } = manageParts(made.body.manageUrl);
    expect((await call('GET', `/api/v1/public/bookings/${uid}?token=${token}`)).status).toBe(200);
    expect((await call('GET', `/api/v1/public/bookings/${uid}?token=${TOKEN}`)).status).toBe(404);
    const moved = await call('POST', `/api/v1/public/bookings/${uid}/reschedule`, {
      body: { token, startTime: w.sessions[1]!.startTime.toISOString() },
    });
    expect(moved.status).toBe(200);
    expect(
      (
        await call('POST', `/api/v1/public/bookings/${uid}/reschedule`, {
          body: { token: TOKEN, startTime: 'x' },
        })
      ).status,
    ).toBe(400);
    expect((await call('POST', `/api/v1/public/bookings/${uid}/cancel`, { body: { token } })).status).toBe(
      200,
    );
    expect(
      (await call('POST', `/api/v1/public/bookings/${uid}/cancel`, { body: { token: TOKEN } })).status,
    ).toBe(404);
  });

  it('waitlist, enrolments and passes: errors', async () => {
    const t = await createTenant(app);
    const wait = BAD_UID('wait');
    expect((await call('POST', '/api/v1/public/waitlist', { body: {} })).status).toBe(400);
    expect((await call('GET', `/api/v1/public/waitlist/${wait}?token=${TOKEN}`)).status).toBe(404);
    expect(
      (await call('POST', `/api/v1/public/waitlist/${wait}/claim`, { body: { token: TOKEN } })).status,
    ).toBe(404);
    expect(
      (await call('POST', `/api/v1/public/waitlist/${wait}/leave`, { body: { token: TOKEN } })).status,
    ).toBe(404);
    const enrolment = BAD_UID('enrolment');
    expect((await call('POST', '/api/v1/public/enrolments', { body: {} })).status).toBe(400);
    expect((await call('GET', `/api/v1/public/enrolments/${enrolment}?token=${TOKEN}`)).status).toBe(404);
    expect(
      (await call('POST', `/api/v1/public/enrolments/${enrolment}/cancel`, { body: { token: TOKEN } }))
        .status,
    ).toBe(404);
    expect((await call('GET', `/api/v1/public/passes?tenantSlug=${t.slug}`)).status).toBe(200);
    expect((await call('GET', '/api/v1/public/passes')).status).toBe(400);
    expect(
      (
        await call('POST', '/api/v1/public/passes/999999/purchase', {
          body: { buyer: { name: 'A', email: 'a@b.co' } },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call('GET', `/api/v1/public/student-passes/${BAD_UID('pass')}?token=${TOKEN}`)).status,
    ).toBe(404);
  });

  it('invites, sign-in with Immersio, staff export, webhooks, uploads: errors and what needs no set-up', async () => {
    const t = await createTenant(app);
    const invite = 'a'.repeat(30);
    expect((await call('GET', `/api/v1/invites/${invite}`)).status).toBe(404);
    expect((await call('POST', `/api/v1/invites/${invite}/accept`, { body: {} })).status).toBe(400);
    expect((await call('POST', '/api/v1/oauth/immersio/callback', { body: {} })).status).toBe(400);
    expect((await call('GET', '/api/v1/oauth/immersio/start')).status).toBe(400);
    const back = await call('GET', '/api/v1/oauth/immersio/return');
    expect([401, 403]).toContain(back.status);
    expect((await call('GET', '/api/v1/staff/bookings.csv')).status).toBe(401);
    const csv = await call('GET', '/api/v1/staff/bookings.csv', {
      headers: { authorization: `Bearer ${t.owner.token}` },
    });
    expect(csv.status).toBe(200);
    expect((await call('POST', '/api/v1/staff/landing/preview', { body: {} })).status).toBe(401);
    const preview = await call('POST', '/api/v1/staff/landing/preview', {
      body: {},
      headers: { authorization: `Bearer ${t.owner.token}` },
    });
    expect(preview.status).toBe(200);
    expect((await call('POST', '/api/v1/webhooks/stripe', { raw: '{}' })).status).toBe(400);
    expect((await call('POST', '/api/v1/webhooks/immersio', { raw: '{}' })).status).toBe(401);
    expect((await call('GET', '/uploads/0000.png')).status).toBe(404);
    expect((await call('GET', '/uploads/0000.png?w=7')).status).toBe(400);
  });
});

describe('real happy paths match the document', () => {
  it('waitlist: join, look, leave', async () => {
    const t = await createTenant(app);
    const { w } = await fullWorkshop(app, t, 1);
    const joined = await call('POST', '/api/v1/public/waitlist', {
      body: joinRequest(t, w, 'line@example.test'),
    });
    expect(joined.status).toBe(201);
    const { uid, token } = manageParts(joined.body.manageUrl);
    expect((await call('GET', `/api/v1/public/waitlist/${uid}?token=${token}`)).status).toBe(200);
    expect((await call('POST', `/api/v1/public/waitlist/${uid}/claim`, { body: { token } })).status).toBe(
      409,
    );
    expect((await call('POST', `/api/v1/public/waitlist/${uid}/leave`, { body: { token } })).status).toBe(
      200,
    );
  });

  it('enrolment: enrol (paid, checkout), look, cancel', async () => {
    const t = await payingSchool(app);
    const w = await createWorkshop(t, { price: 5000, recurrence: { frequency: 'weekly', count: 2 } });
    const enrolled = await call('POST', '/api/v1/public/enrolments', {
      body: {
        tenantSlug: t.slug,
        workshopSlug: w.slug,
        attendee: { name: 'Ena', email: 'ena@example.test', timeZone: 'Europe/Paris' },
      },
    });
    expect(enrolled.status).toBe(201);
    const { uid, token } = manageParts(enrolled.body.manageUrl);
    expect((await call('GET', `/api/v1/public/enrolments/${uid}?token=${token}`)).status).toBe(200);
    expect((await call('POST', `/api/v1/public/enrolments/${uid}/cancel`, { body: { token } })).status).toBe(
      200,
    );
  });

  it('class pass: on sale, bought, its manage link', async () => {
    const t = await payingSchool(app);
    const pass = await createPass(t);
    expect((await call('GET', `/api/v1/public/passes?tenantSlug=${t.slug}`)).status).toBe(200);
    const bought = await call('POST', `/api/v1/public/passes/${pass.id}/purchase`, {
      body: { tenantSlug: t.slug, buyer: { name: 'Pia', email: 'pia@example.test' } },
    });
    expect(bought.status).toBe(201);
    await emulatorOf(app).pay(new URL(bought.body.checkoutUrl).pathname.split('/').pop()!);
    const { uid, token } = manageParts(bought.body.manageUrl);
    expect((await call('GET', `/api/v1/public/student-passes/${uid}?token=${token}`)).status).toBe(200);
  });

  it('invite: describe and accept', async () => {
    const t = await createTenant(app);
    const { inviteLink } = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: 'invited-openapi@example.test',
      name: 'Invited',
    });
    const token = inviteLink.split('/').pop()!;
    expect((await call('GET', `/api/v1/invites/${token}`)).status).toBe(200);
    const accepted = await call('POST', `/api/v1/invites/${token}/accept`, {
      body: { name: 'Ivy', password: 'invited-password-1' },
    });
    expect(accepted.status).toBe(200);
    expect(
      (
        await call('POST', `/api/v1/invites/${token}/accept`, {
          body: { name: 'Ivy', password: 'x'.repeat(9) },
        })
      ).status,
    ).toBe(410);
  });

  it('sign in with Immersio: callback and start', async () => {
    const t = await createTenant(app);
    const { token } = await signStudentToken(app, t.tenantId, { studentId: 'stu-openapi' });
    const signedIn = await call('POST', '/api/v1/oauth/immersio/callback', {
      body: { token, redirectUrl: '/' },
    });
    expect(signedIn.status).toBe(200);
    expect(
      (await call('POST', '/api/v1/oauth/immersio/callback', { body: { token: 'x', redirectUrl: '/' } }))
        .status,
    ).toBe(401);
    const started = await call('GET', `/api/v1/oauth/immersio/start?tenantSlug=${t.slug}&redirectUrl=/`);
    expect(started.status).toBe(302);
    const state = new URL(started.response.headers.get('location')!).searchParams.get('state')!;
    const nonce = started.response.headers.getSetCookie()[0]!.split(';')[0]!;
    const again = await signStudentToken(app, t.tenantId, { studentId: 'stu-openapi' });
    const back = await call(
      'GET',
      `/api/v1/oauth/immersio/return?${new URLSearchParams({ token: again.token, state })}`,
      { headers: { cookie: nonce } },
    );
    expect(back.status).toBe(303);
  });
});
