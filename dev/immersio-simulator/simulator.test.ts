import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ImmersioSimulator, signImmersioWebhook, startImmersioSimulator } from './simulator.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** A webhook receiver that records what arrives and answers 200 (or `answer`). */
async function startReceiver(answer: (r: Received) => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      res.writeHead(answer(r), { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, processed: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's side of the documented scheme, written from the documentation, not the simulator. */
function verifySignature(secret: string, r: Received): boolean {
  const timestamp = r.headers['x-webhook-timestamp'];
  const header = r.headers['x-webhook-signature'];
  if (typeof timestamp !== 'string' || typeof header !== 'string' || !header.startsWith('sha256='))
    return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${r.rawBody}`).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const KEY_A = 'imm_test_key_a';
const KEY_B = 'imm_test_key_b';

let sim: ImmersioSimulator;
let clock: Date;

async function api(path: string, key: string | null = KEY_A) {
  const response = await fetch(`${sim.url}${path}`, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  clock = new Date('2026-01-10T10:00:00.000Z');
  sim = await startImmersioSimulator({ now: () => new Date(clock) });
  sim.addOrg({ id: 'org_a', name: 'Academy A', apiKey: KEY_A });
  sim.addOrg({ id: 'org_b', name: 'Academy B', apiKey: KEY_B });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.requests.length = 0;
  sim.clearFailures();
});

const tick = (ms = 1000) => {
  clock = new Date(clock.getTime() + ms);
};

describe('REST API', () => {
  it('answers the organisation for a valid key and 401 for a bad or missing one', async () => {
    sim.addCourse('org_a', { id: 'course_org_probe', name: 'Probe' }, { webhook: false });
    const ok = await api('/v1/organization');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      id: 'org_a',
      name: 'Academy A',
      courseCount: sim.orgs.get('org_a')!.courses.size,
    });

    const bad = await api('/v1/organization', 'imm_test_wrong');
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } });
    expect(JSON.stringify(bad.body)).not.toContain('imm_test_wrong');
    const missing = await api('/v1/courses', null);
    expect(missing.status).toBe(401);
    expect(sim.requests.map((r) => [r.operation, r.status, r.orgId])).toEqual([
      ['organization', 200, 'org_a'],
      ['organization', 401, null],
      ['courses', 401, null],
    ]);
    sim.deleteCourse('org_a', 'course_org_probe', { webhook: false });
  });

  it('pages courses with opaque cursors in updatedAt order and filters by updatedSince', async () => {
    sim.addOrg({ id: 'org_pages', name: 'Pages', apiKey: 'imm_test_pages' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      tick();
      ids.push(sim.addCourse('org_pages', { name: `Course ${i}`, description: i % 2 ? null : 'd' }).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await api(`/v1/courses?limit=3${cursor ? `&cursor=${cursor}` : ''}`, 'imm_test_pages');
      expect(page.status).toBe(200);
      pages++;
      for (const c of page.body.data) {
        expect(Object.keys(c).sort()).toEqual([
          'description',
          'id',
          'name',
          'status',
          'studentCount',
          'updatedAt',
        ]);
        seen.push(c.id);
      }
      cursor = page.body.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    // updatedSince: the course updated now moves to the end and is the only one changed since.
    tick();
    const since = new Date(clock);
    sim.updateCourse('org_pages', ids[2]!, { name: 'Renamed' });
    const changed = await api(`/v1/courses?updatedSince=${since.toISOString()}`, 'imm_test_pages');
    expect(changed.body).toEqual({
      data: [
        {
          id: ids[2],
          name: 'Renamed',
          description: 'd',
          status: 'active',
          studentCount: 0,
          updatedAt: since.toISOString(),
        },
      ],
      nextCursor: null,
    });
    const all = await api('/v1/courses', 'imm_test_pages');
    expect(all.body.data.map((c: { id: string }) => c.id)).toEqual([
      ...ids.filter((id) => id !== ids[2]),
      ids[2],
    ]);
  });

  it('refuses bad limits, cursors and dates with 400', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=bm9wZQ', 'updatedSince=yesterday']) {
      const r = await api(`/v1/courses?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code).toMatch(/^(VALIDATION_ERROR|INVALID_CURSOR)$/);
    }
  });

  it('pages a course’s students and answers 404 for an unknown course', async () => {
    const course = sim.addCourse('org_a', { name: 'Students' }, { webhook: false });
    for (let i = 0; i < 5; i++)
      sim.enroll('org_a', course.id, { email: `s${i}@example.com`, name: `S ${i}` }, { webhook: false });
    const first = await api(`/v1/courses/${course.id}/students?limit=2`);
    expect(first.body.data).toHaveLength(2);
    expect(Object.keys(first.body.data[0]).sort()).toEqual(['email', 'enrolledAt', 'id', 'name']);
    const emails: string[] = first.body.data.map((s: { email: string }) => s.email);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await api(`/v1/courses/${course.id}/students?limit=2&cursor=${cursor}`);
      emails.push(...next.body.data.map((s: { email: string }) => s.email));
      cursor = next.body.nextCursor;
    }
    expect(emails).toEqual([
      's0@example.com',
      's1@example.com',
      's2@example.com',
      's3@example.com',
      's4@example.com',
    ]);
    const missing = await api('/v1/courses/course_nope/students');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    // A cursor of one course is not valid for another.
    const other = sim.addCourse('org_a', { name: 'Other' }, { webhook: false });
    expect((await api(`/v1/courses/${other.id}/students?cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('keeps organisations apart', async () => {
    const a = sim.addCourse('org_a', { name: 'Only A' }, { webhook: false });
    sim.enroll('org_a', a.id, { email: 'a@example.com', name: 'A' }, { webhook: false });
    const b = sim.addCourse('org_b', { name: 'Only B' }, { webhook: false });
    const listB = await api('/v1/courses', KEY_B);
    expect(listB.body.data.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect((await api(`/v1/courses/${a.id}/students`, KEY_B)).status).toBe(404);
    expect((await api(`/v1/courses/${b.id}/students`, KEY_A)).status).toBe(404);
    expect((await api('/v1/organization', KEY_B)).body).toEqual({
      id: 'org_b',
      name: 'Academy B',
      courseCount: 1,
    });
    expect(() => sim.enroll('org_b', a.id, { email: 'x@example.com', name: 'X' })).toThrow(/unknown course/);
  });

  it('failNext injects statuses, Retry-After, delays and dropped connections, then recovers', async () => {
    sim.failNext('courses', { status: 503, times: 2 });
    sim.failNext('/v1/organization', { status: 429, retryAfter: 7 });
    expect((await api('/v1/courses')).status).toBe(503);
    const limited = await api('/v1/organization');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await api('/v1/courses')).status).toBe(503);
    expect((await api('/v1/courses')).status).toBe(200);
    expect(sim.requests.map((r) => [r.status, r.injected])).toEqual([
      [503, true],
      [429, true],
      [503, true],
      [200, false],
    ]);

    sim.failNext('organization', { status: 200, body: '{"id": 42' });
    const malformed = await fetch(`${sim.url}/v1/organization`, {
      headers: { authorization: `Bearer ${KEY_A}` },
    });
    expect(await malformed.text()).toBe('{"id": 42');

    sim.failNext('organization', { delayMs: 150 });
    const started = Date.now();
    expect((await api('/v1/organization')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    sim.failNext('organization', { destroy: true });
    await expect(api('/v1/organization')).rejects.toThrow();
    expect((await api('/v1/organization')).status).toBe(200);
  });
});

describe('webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const secret = 'whsec_test_secret';

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(() => {
    sim.setWebhookTarget(null);
    receiver.received.length = 0;
  });

  it('sendWebhook signs "<timestamp>.<raw body>" with HMAC-SHA256 as documented', async () => {
    const data = {
      courseId: 'course_abc123',
      studentId: 'student_456',
      email: 'student@example.com',
      name: 'John Doe',
      enrolledAt: '2024-11-30T10:00:00.000Z',
    };
    const result = await sim.sendWebhook(
      { url: receiver.url, secret, orgId: 'org_a' },
      'student.enrolled',
      data,
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ success: true, processed: true });
    const [r] = receiver.received;
    expect(verifySignature(secret, r!)).toBe(true);
    expect(verifySignature('whsec_other', r!)).toBe(false);
    expect(r!.rawBody).toBe(result.rawBody);
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.headers['x-immersio-org-id']).toBe('org_a');
    expect(Number(r!.headers['x-webhook-timestamp'])).toBe(Math.floor(clock.getTime() / 1000));
    const body = JSON.parse(r!.rawBody);
    expect(body).toEqual({
      event: 'student.enrolled',
      data,
      timestamp: clock.toISOString(),
      webhookId: result.webhookId,
    });
    expect(body.webhookId).toMatch(/^wh_/);
    expect(result.requestHeaders['x-webhook-signature']).toBe(
      signImmersioWebhook(secret, r!.headers['x-webhook-timestamp'] as string, r!.rawBody),
    );
  });

  it('sendWebhook can replay, backdate, tamper and drop headers for receiver tests', async () => {
    const target = { url: receiver.url, secret, orgId: 'org_a' };
    const first = await sim.sendWebhook(target, 'course.deleted', { orgId: 'org_a', courseId: 'c1' });
    await sim.sendWebhook(
      target,
      'course.deleted',
      { orgId: 'org_a', courseId: 'c1' },
      { webhookId: first.webhookId },
    );
    await sim.sendWebhook(target, 'course.deleted', {}, { timestamp: 1_000_000_000 });
    await sim.sendWebhook(
      target,
      'course.deleted',
      {},
      { tamperBody: (raw) => raw.replace('course', 'kurs') },
    );
    await sim.sendWebhook(target, 'course.deleted', {}, { omitHeaders: ['signature', 'org'] });
    const [a, b, old, tampered, bare] = receiver.received;
    expect(JSON.parse(b!.rawBody).webhookId).toBe(JSON.parse(a!.rawBody).webhookId);
    expect(old!.headers['x-webhook-timestamp']).toBe('1000000000');
    expect(JSON.parse(old!.rawBody).timestamp).toBe('2001-09-09T01:46:40.000Z');
    expect(verifySignature(secret, old!)).toBe(true);
    expect(JSON.parse(tampered!.rawBody).event).toBe('kurs.deleted');
    expect(verifySignature(secret, tampered!)).toBe(false);
    expect(bare!.headers['x-webhook-signature']).toBeUndefined();
    expect(bare!.headers['x-immersio-org-id']).toBeUndefined();
  });

  it('mutations emit the documented events, in order, signed, to the configured target', async () => {
    sim.setWebhookTarget({ url: receiver.url, secret });
    tick();
    const course = sim.addCourse('org_a', { id: 'course_hooks', name: 'Hooks', description: 'x' });
    tick();
    sim.updateCourse('org_a', course.id, { status: 'archived' });
    sim.enroll('org_a', course.id, { id: 'student_h1', email: 'h1@example.com', name: 'H One' });
    sim.updateStudent('org_a', 'student_h1', { email: 'h1.new@example.com' });
    sim.unenroll('org_a', course.id, 'student_h1');
    sim.enroll('org_a', course.id, { email: 'quiet@example.com', name: 'Q' }, { webhook: false });
    sim.deleteCourse('org_a', course.id);
    await sim.webhooksSettled();

    const iso = clock.toISOString();
    const events = receiver.received.map((r) => {
      expect(verifySignature(secret, r)).toBe(true);
      expect(r.headers['x-immersio-org-id']).toBe('org_a');
      const body = JSON.parse(r.rawBody);
      return [body.event, body.data];
    });
    expect(events).toEqual([
      [
        'course.created',
        {
          orgId: 'org_a',
          courseId: 'course_hooks',
          name: 'Hooks',
          description: 'x',
          status: 'active',
          studentCount: 0,
          updatedAt: new Date(clock.getTime() - 1000).toISOString(),
        },
      ],
      [
        'course.updated',
        {
          orgId: 'org_a',
          courseId: 'course_hooks',
          name: 'Hooks',
          description: 'x',
          status: 'archived',
          studentCount: 0,
          updatedAt: iso,
        },
      ],
      [
        'student.enrolled',
        {
          courseId: 'course_hooks',
          studentId: 'student_h1',
          email: 'h1@example.com',
          name: 'H One',
          enrolledAt: iso,
        },
      ],
      ['student.updated', { studentId: 'student_h1', email: 'h1.new@example.com', name: 'H One' }],
      [
        'student.unenrolled',
        { courseId: 'course_hooks', studentId: 'student_h1', email: 'h1.new@example.com', unenrolledAt: iso },
      ],
      ['course.deleted', { orgId: 'org_a', courseId: 'course_hooks', deletedAt: iso }],
    ]);
    expect(sim.deliveries.slice(-6).every((d) => d.ok && d.status === 200)).toBe(true);
    // Another organisation's target overrides the global one for that organisation only.
    sim.setWebhookTarget({ url: `${receiver.url}?org=b`, secret: 'whsec_b' }, 'org_b');
    sim.addCourse('org_b', { name: 'B hook' });
    await sim.webhooksSettled();
    expect(verifySignature('whsec_b', receiver.received.at(-1)!)).toBe(true);
    sim.setWebhookTarget(null, 'org_b');
  });

  it('records a failed delivery without throwing', async () => {
    sim.setWebhookTarget({ url: 'http://127.0.0.1:1/down', secret });
    sim.addCourse('org_a', { name: 'Nobody listens' });
    await sim.webhooksSettled();
    const last = sim.deliveries.at(-1)!;
    expect(last).toMatchObject({ event: 'course.created', ok: false, status: null });
    expect(last.error).toBeTruthy();
  });
});

describe('SSO', () => {
  const redirectUri = 'http://localhost:3000/api/v1/oauth/immersio/return?x=1';

  it('issues RS256 and ES256 tokens that verify against the JWKS with the documented claims', async () => {
    const jwks = createRemoteJWKSet(new URL(sim.jwksUrl));
    const claims = {
      sub: 'user_1',
      email: 'teacher@example.com',
      name: 'Tea Cher',
      orgId: 'org_a',
      role: 'teacher' as const,
    };
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await sim.issueSsoToken(claims, { alg, issuedAt: new Date() });
      const header = decodeProtectedHeader(token);
      expect(header.alg).toBe(alg);
      expect(header.kid).toBeTruthy();
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: [alg],
        issuer: sim.issuer,
        audience: sim.audience,
      });
      expect(payload).toMatchObject(claims);
      expect(payload.exp! - payload.iat!).toBe(300);
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(payload.studentId).toBeUndefined();
    }
    const jwksBody = (await api('/.well-known/jwks.json', null)).body;
    expect(jwksBody.keys.map((k: { alg: string }) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const key of jwksBody.keys) {
      expect(key.kid).toBeTruthy();
      expect(key.d).toBeUndefined(); // public halves only
    }
  });

  it('signs HS256 with the shared secret when one is set, and builds attack tokens', async () => {
    const secret = 'an-sso-shared-secret-of-32-chars!!';
    sim.setSsoSecret(secret);
    try {
      const token = await sim.issueSsoToken(
        {
          sub: 's',
          email: 'e@example.com',
          name: 'N',
          orgId: 'org_a',
          role: 'student',
          studentId: 'student_9',
        },
        { issuedAt: new Date() },
      );
      expect(decodeProtectedHeader(token).alg).toBe('HS256');
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ['HS256'],
        issuer: sim.issuer,
        audience: sim.audience,
      });
      expect(payload.studentId).toBe('student_9');
    } finally {
      sim.setSsoSecret(null);
    }
    const base = { sub: 's', email: 'e@example.com', name: 'N', orgId: 'org_a', role: 'admin' as const };
    const none = await sim.issueSsoToken(base, { alg: 'none' });
    expect(decodeProtectedHeader(none).alg).toBe('none');
    const confused = await sim.issueSsoToken(base, { alg: 'HS256', secret: sim.ssoPublicKeyPem });
    expect(decodeProtectedHeader(confused).alg).toBe('HS256');
    const noExp = await sim.issueSsoToken(base, { omit: ['exp'] });
    const jwks = createRemoteJWKSet(new URL(sim.jwksUrl));
    const { payload } = await jwtVerify(noExp, jwks, { algorithms: ['RS256'], currentDate: clock });
    expect(payload.exp).toBeUndefined();
  });

  it('shows an escaped sign-in page without scripts and redirects with a verifiable token and the state', async () => {
    sim.addUser('org_a', { sub: 'user_admin_a', email: 'admin@a.test', name: '<b>Admin</b>', role: 'admin' });
    const state = '"><script>alert(1)</script>';
    const query = new URLSearchParams({
      client_id: sim.audience,
      redirect_uri: redirectUri,
      state,
      tenant: '<img src=x>',
    });
    const pageResponse = await fetch(`${sim.authorizeUrl}?${query}`);
    expect(pageResponse.status).toBe(200);
    const csp = pageResponse.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const html = await pageResponse.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Admin');
    expect(html).toContain('&lt;b&gt;Admin&lt;/b&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');

    const userValue = html.match(/name="user" value="([^"]+)"[^>]*> &lt;b&gt;Admin/)![1]!;
    const form = new URLSearchParams({
      client_id: sim.audience,
      redirect_uri: redirectUri,
      state,
      tenant: 'x',
      user: userValue,
      action: 'approve',
    });
    const submit = await fetch(sim.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
    expect(submit.status).toBe(303);
    const location = new URL(submit.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(
      'http://localhost:3000/api/v1/oauth/immersio/return',
    );
    expect(location.searchParams.get('x')).toBe('1');
    expect(location.searchParams.get('state')).toBe(state);
    const { payload } = await jwtVerify(
      location.searchParams.get('token')!,
      createRemoteJWKSet(new URL(sim.jwksUrl)),
      {
        algorithms: ['RS256'],
        issuer: sim.issuer,
        audience: sim.audience,
        currentDate: clock,
      },
    );
    expect(payload).toMatchObject({
      sub: 'user_admin_a',
      email: 'admin@a.test',
      orgId: 'org_a',
      role: 'admin',
    });

    form.set('action', 'deny');
    const denied = await fetch(sim.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
    const deniedLocation = new URL(denied.headers.get('location')!);
    expect(deniedLocation.searchParams.get('error')).toBe('access_denied');
    expect(deniedLocation.searchParams.get('token')).toBeNull();
  });

  it('lists enrolled students as student users and puts studentId in their token', async () => {
    const course = sim.addCourse('org_b', { name: 'SSO course' }, { webhook: false });
    sim.enroll(
      'org_b',
      course.id,
      { id: 'student_sso', email: 'sso@example.com', name: 'Sso' },
      { webhook: false },
    );
    const user = sim.ssoUsers('org_b').find((u) => u.studentId === 'student_sso')!;
    expect(user.role).toBe('student');
    const form = new URLSearchParams({
      client_id: sim.audience,
      redirect_uri: redirectUri,
      state: 's',
      user: Buffer.from(JSON.stringify([user.orgId, user.sub])).toString('base64url'),
    });
    const submit = await fetch(sim.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
    const token = new URL(submit.headers.get('location')!).searchParams.get('token')!;
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(sim.jwksUrl)), {
      currentDate: clock,
    });
    expect(payload).toMatchObject({ role: 'student', studentId: 'student_sso', orgId: 'org_b' });
  });

  it('refuses an unknown client, a bad redirect_uri or a missing state without redirecting', async () => {
    const cases = [
      { client_id: 'someone-else', redirect_uri: redirectUri, state: 's' },
      { client_id: sim.audience, redirect_uri: 'javascript:alert(1)', state: 's' },
      { client_id: sim.audience, redirect_uri: '/relative', state: 's' },
      { client_id: sim.audience, redirect_uri: redirectUri, state: '' },
    ];
    for (const params of cases) {
      const r = await fetch(`${sim.authorizeUrl}?${new URLSearchParams(params)}`, { redirect: 'manual' });
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.headers.get('location')).toBeNull();
    }
  });

  it('keeps a rotated key in the JWKS so tokens signed before rotation still verify', async () => {
    const claims = { sub: 'u', email: 'u@example.com', name: 'U', orgId: 'org_a', role: 'teacher' as const };
    const before = await sim.issueSsoToken(claims, { issuedAt: new Date() });
    const kid = await sim.rotateSsoKey('RS256');
    const after = await sim.issueSsoToken(claims, { issuedAt: new Date() });
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    const jwks = createRemoteJWKSet(new URL(sim.jwksUrl));
    await expect(jwtVerify(before, jwks)).resolves.toBeTruthy();
    await expect(jwtVerify(after, jwks)).resolves.toBeTruthy();
  });
});

describe('control API', () => {
  it('mutates state over HTTP', async () => {
    const post = await fetch(`${sim.url}/_simulator/orgs/org_b/courses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'course_ctl', name: 'Controlled' }),
    });
    expect(post.status).toBe(201);
    const enrolled = await fetch(`${sim.url}/_simulator/orgs/org_b/courses/course_ctl/students`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'c@example.com', name: 'C' }),
    });
    expect(enrolled.status).toBe(201);
    expect(sim.orgs.get('org_b')!.courses.get('course_ctl')!.enrollments.size).toBe(1);
    const missing = await fetch(`${sim.url}/_simulator/orgs/org_nope/courses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(missing.status).toBe(404);
  });
});
