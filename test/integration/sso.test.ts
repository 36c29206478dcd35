import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  immersioIdentities,
  immersioIntegrations,
  memberships,
  sessions,
  usedSsoTokens,
} from '../../src/db/schema/index.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcClient,
  unique,
} from '../support/app.ts';

const ISSUER = 'https://immersio.test';
const AUDIENCE = 'booking-service';
const AUTHORIZE_URL = 'https://immersio.test/oauth/authorize?prompt=login';
const BOOKING_DOMAIN = 'booking.test';
const HS_SECRET = 'hs256-shared-secret-for-immersio-sso-0123456789';
const INVALID = { error: 'Invalid token', code: 'INVALID_TOKEN' };

let jwksServer: Server;
let jwksUrl: string;
let rsa: CryptoKeyPair;
let ec: CryptoKeyPair;
let stranger: CryptoKeyPair;

beforeAll(async () => {
  rsa = await generateKeyPair('RS256', { extractable: true });
  ec = await generateKeyPair('ES256', { extractable: true });
  stranger = await generateKeyPair('RS256', { extractable: true });
  const keys: JWK[] = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

interface Claims {
  sub?: string;
  email?: string;
  name?: string;
  orgId?: string;
  role?: string;
  studentId?: string;
  [key: string]: unknown;
}

interface MintOptions {
  alg?: 'RS256' | 'ES256' | 'HS256';
  key?: CryptoKey | Uint8Array;
  kid?: string | null;
  iss?: string;
  aud?: string;
  /** Seconds from now; null leaves the claim out. */
  exp?: number | null;
  nbf?: number;
  jti?: string | null;
}

function seconds(app: TestApp) {
  return Math.floor(app.clock.now().getTime() / 1000);
}

async function mint(app: TestApp, claims: Claims, options: MintOptions = {}): Promise<string> {
  const alg = options.alg ?? 'RS256';
  const key =
    options.key ?? (alg === 'ES256' ? ec.privateKey : alg === 'HS256' ? enc(HS_SECRET) : rsa.privateKey);
  const kid =
    options.kid === undefined
      ? alg === 'ES256'
        ? 'ec-1'
        : alg === 'RS256'
          ? 'rsa-1'
          : undefined
      : options.kid;
  const now = seconds(app);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt(now);
  if (options.exp !== null) jwt.setExpirationTime(now + (options.exp ?? 300));
  if (options.nbf !== undefined) jwt.setNotBefore(now + options.nbf);
  if (options.jti !== null) jwt.setJti(options.jti ?? randomUUID());
  return jwt.sign(key);
}

const enc = (s: string) => new TextEncoder().encode(s);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function post(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}/api/v1/oauth/immersio/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function connect(app: TestApp, tenantId: number, orgId = unique('org')) {
  await app.database.db.insert(immersioIntegrations).values({ tenantId, immersioOrgId: orgId });
  return orgId;
}

function teacher(orgId: string, extra: Claims = {}): Claims {
  const id = unique('teacher');
  return { sub: id, email: `${id}@example.test`, name: 'Tess Teacher', orgId, role: 'teacher', ...extra };
}

interface SignInBody {
  success: true;
  sessionToken: string;
  user: { id: number; email: string; name: string; tenantId: number; role: string };
}

describe('Immersio SSO with a JWKS (RS256/ES256)', () => {
  let app: TestApp;
  let school: TenantFixture;
  let orgId: string;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        IMMERSIO_SSO_JWKS_URL: jwksUrl,
        IMMERSIO_SSO_ISSUER: ISSUER,
        IMMERSIO_SSO_AUDIENCE: AUDIENCE,
        IMMERSIO_SSO_AUTHORIZE_URL: AUTHORIZE_URL,
        BOOKING_DOMAIN,
      },
    });
    school = await createTenant(app, { name: 'SSO School', plan: 'enterprise' });
    orgId = await connect(app, school.tenantId);
  });
  afterAll(() => app?.close());

  describe('the JWT attack set: every one is 401 INVALID_TOKEN', () => {
    const refuse = async (token: string) => {
      const response = await post(app, { token, redirectUrl: '/' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(INVALID);
      expect(response.headers.getSetCookie()).toEqual([]);
    };

    it('alg none', async () => {
      const now = seconds(app);
      const payload = { ...teacher(orgId), iss: ISSUER, aud: AUDIENCE, exp: now + 300, jti: randomUUID() };
      await refuse(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
      await refuse(`${b64({ alg: 'none', typ: 'JWT', kid: 'rsa-1' })}.${b64(payload)}.c2ln`);
    });

    it('HS256 signed with the RS256 public key as the HMAC secret', async () => {
      const pem = enc(await exportSPKI(rsa.publicKey));
      await refuse(await mint(app, teacher(orgId), { alg: 'HS256', key: pem, kid: 'rsa-1' }));
      await refuse(await mint(app, teacher(orgId), { alg: 'HS256', key: pem, kid: null }));
    });

    it('expired beyond the 60 s leeway, and nbf in the future beyond it', async () => {
      await refuse(await mint(app, teacher(orgId), { exp: -65 }));
      await refuse(await mint(app, teacher(orgId), { exp: -3600 }));
      await refuse(await mint(app, teacher(orgId), { nbf: 65 }));
      await refuse(await mint(app, teacher(orgId), { nbf: 3600, exp: 7200 }));
    });

    it('exp further ahead than a sign-in token lives (15 min) is refused, so no jti is kept for longer', async () => {
      await refuse(await mint(app, teacher(orgId), { exp: 15 * 60 + 65 }));
      await refuse(await mint(app, teacher(orgId), { exp: 30 * 365 * 86_400 }));
    });

    it('wrong aud, wrong iss', async () => {
      await refuse(await mint(app, teacher(orgId), { aud: 'someone-else' }));
      await refuse(await mint(app, teacher(orgId), { iss: 'https://evil.test' }));
    });

    it('a reused jti (also when the first use was a refusal-free sign-in moments ago)', async () => {
      const jti = randomUUID();
      const first = await post(app, { token: await mint(app, teacher(orgId), { jti }), redirectUrl: '/' });
      expect(first.status).toBe(200);
      // The very same token again, and another token carrying the same jti.
      const again = await mint(app, teacher(orgId), { jti });
      await refuse(again);
      const [row] = await app.database.db
        .select()
        .from(usedSsoTokens)
        .where(eq(usedSsoTokens.jti, `jwt:${jti}`));
      expect(row).toBeDefined();
    });

    it('the same token raced 10 times at once signs in exactly once', async () => {
      const token = await mint(app, teacher(orgId));
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => post(app, { token, redirectUrl: '/' })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(401)]);
    });

    it('no exp, no jti', async () => {
      await refuse(await mint(app, teacher(orgId), { exp: null }));
      await refuse(await mint(app, teacher(orgId), { jti: null }));
    });

    it('an unknown kid, and a right kid with a key that is not Immersio’s', async () => {
      await refuse(await mint(app, teacher(orgId), { key: stranger.privateKey, kid: 'rsa-404' }));
      await refuse(await mint(app, teacher(orgId), { key: stranger.privateKey, kid: 'rsa-1' }));
      // ES256 token naming the RSA key.
      await refuse(await mint(app, teacher(orgId), { alg: 'ES256', kid: 'rsa-1' }));
    });

    it('an organisation no tenant has, and one whose integration is disconnected', async () => {
      await refuse(await mint(app, teacher('org-nobody-has')));
      const other = await createTenant(app);
      const gone = await connect(app, other.tenantId);
      await app.database.db
        .update(immersioIntegrations)
        .set({ disconnectedAt: new Date() })
        .where(eq(immersioIntegrations.tenantId, other.tenantId));
      await refuse(await mint(app, teacher(gone)));
    });

    it('a tampered payload (student → admin) keeps nothing of its signature', async () => {
      const token = await mint(app, { ...teacher(orgId), role: 'student' });
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      await refuse(`${header}.${b64({ ...claims, role: 'admin' })}.${signature}`);
      await refuse(`${header}.${payload}.${signature.slice(0, -4)}AAAA`);
    });

    it('claims missing or of the wrong shape (no email, unknown role), and garbage', async () => {
      const { email: _email, ...noEmail } = teacher(orgId);
      await refuse(await mint(app, noEmail));
      await refuse(await mint(app, { ...teacher(orgId), role: 'owner' }));
      await refuse('garbage');
      await refuse('a.b.c');
    });

    it('nothing was created by any refused token', async () => {
      const rows = await app.database.db
        .select()
        .from(memberships)
        .where(eq(memberships.tenantId, school.tenantId));
      // The owner, plus the two tokens that were accepted above (reused-jti and race tests).
      expect(rows.length).toBe(3);
    });

    it('within the leeway is accepted: exp 30 s ago, nbf 30 s ahead; exp 14 min ahead too', async () => {
      const expired = await post(app, {
        token: await mint(app, teacher(orgId), { exp: -30 }),
        redirectUrl: '/',
      });
      expect(expired.status).toBe(200);
      const early = await post(app, {
        token: await mint(app, teacher(orgId), { nbf: 30 }),
        redirectUrl: '/',
      });
      expect(early.status).toBe(200);
      const longer = await post(app, {
        token: await mint(app, teacher(orgId), { exp: 14 * 60 }),
        redirectUrl: '/',
      });
      expect(longer.status).toBe(200);
    });

    it('ES256 tokens from the JWKS are accepted too', async () => {
      const response = await post(app, {
        token: await mint(app, teacher(orgId), { alg: 'ES256' }),
        redirectUrl: '/',
      });
      expect(response.status).toBe(200);
    });
  });

  describe('sign-in', () => {
    it('a teacher gets a MEMBER membership and a working session (bearer and cookie)', async () => {
      const claims = teacher(orgId, { email: `${unique('Mixed')}@Example.TEST` });
      const response = await post(app, { token: await mint(app, claims), redirectUrl: '/dashboard' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as SignInBody;
      expect(body).toEqual({
        success: true,
        sessionToken: expect.stringMatching(/^\S{20,}$/),
        user: {
          id: expect.any(Number),
          email: claims.email!.toLowerCase(),
          name: 'Tess Teacher',
          tenantId: school.tenantId,
          role: 'MEMBER',
        },
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ibs.session_token='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/);

      const me = await trpcClient(app.baseUrl, body.sessionToken).viewer.me.query();
      expect(me).toEqual({
        id: body.user.id,
        email: body.user.email,
        name: 'Tess Teacher',
        timeZone: 'UTC',
        language: 'en',
        activeTenantId: school.tenantId,
        memberships: [
          { tenantId: school.tenantId, tenantSlug: school.slug, tenantName: 'SSO School', role: 'MEMBER' },
        ],
      });
      const client = trpcClient(app.baseUrl, body.sessionToken);
      expect((await client.immersio.tenant.get.query({})).id).toBe(school.tenantId);

      // The cookie is better-auth's own: get-session reads it.
      const session = await fetch(`${app.baseUrl}/api/auth/get-session`, {
        headers: { cookie: cookie!.split(';')[0]! },
      });
      expect(((await session.json()) as { user: { email: string } }).user.email).toBe(body.user.email);

      const [row] = await app.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.token, body.sessionToken));
      expect(row?.activeTenantId).toBe(school.tenantId);
      const [identity] = await app.database.db
        .select()
        .from(immersioIdentities)
        .where(and(eq(immersioIdentities.orgId, orgId), eq(immersioIdentities.subject, claims.sub!)));
      expect(identity).toMatchObject({ userId: body.user.id, role: 'teacher', immersioStudentId: null });

      // Signing in again (a new token) is the same user, same membership.
      const again = await post(app, { token: await mint(app, claims), redirectUrl: '/' });
      expect(((await again.json()) as SignInBody).user).toEqual(body.user);

      // Sign-out ends the SSO session like any other.
      const out = await fetch(`${app.baseUrl}/api/auth/sign-out`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.sessionToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(out.status).toBe(200);
      await expect(trpcClient(app.baseUrl, body.sessionToken).viewer.me.query()).rejects.toThrow();
    });

    it('an admin gets ADMIN; a MEMBER is raised to ADMIN; the same person with a teacher token acts as MEMBER', async () => {
      const admin = { ...teacher(orgId), role: 'admin' };
      const response = await post(app, { token: await mint(app, admin), redirectUrl: '/' });
      expect(((await response.json()) as SignInBody).user.role).toBe('ADMIN');
      const asTeacher = await post(app, {
        token: await mint(app, { ...admin, role: 'teacher' }),
        redirectUrl: '/',
      });
      const teacherBody = (await asTeacher.json()) as SignInBody;
      expect(teacherBody.user.role).toBe('MEMBER');
      expect((await trpcClient(app.baseUrl, teacherBody.sessionToken).viewer.me.query()).memberships).toEqual(
        [expect.objectContaining({ tenantId: school.tenantId, role: 'MEMBER' })],
      );

      const member = await addSignedInMember(app, school.tenantId, 'MEMBER');
      const raised = await post(app, {
        token: await mint(app, { ...teacher(orgId), email: member.email, role: 'admin' }),
        redirectUrl: '/',
      });
      const body = (await raised.json()) as SignInBody;
      expect(body.user).toMatchObject({ id: member.id, role: 'ADMIN' });
      // The member's own (password) session sees the new role at once (membership change → cache drop).
      expect((await member.client.viewer.me.query()).memberships[0]?.role).toBe('ADMIN');
    });

    it('a token never gives more than its role: the owner’s e-mail in a teacher token is a MEMBER session', async () => {
      const expected = { teacher: 'MEMBER', admin: 'ADMIN' } as const;
      for (const role of ['teacher', 'admin'] as const) {
        const response = await post(app, {
          token: await mint(app, { ...teacher(orgId), email: school.owner.email.toUpperCase(), role }),
          redirectUrl: '/',
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as SignInBody;
        expect(body.user).toMatchObject({ id: school.owner.id, role: expected[role] });
        const client = trpcClient(app.baseUrl, body.sessionToken);
        const me = await client.viewer.me.query();
        expect(me.memberships.map((m) => m.role)).toEqual([expected[role]]);
        // Owner-and-admin-only: refused to the teacher and student sessions.
        const invite = client.immersio.tenant.inviteTeacher.mutate({
          email: `${unique('nope')}@example.test`,
          name: 'Nope',
        });
        if (role === 'admin') await expect(invite).resolves.toBeTruthy();
        else await expect(invite).rejects.toMatchObject({ data: { httpStatus: 403 } });
      }
      // A student token does not link a staff account at all.
      const student = await post(app, {
        token: await mint(app, { ...teacher(orgId), email: school.owner.email, role: 'student' }),
        redirectUrl: '/',
      });
      expect(student.status).toBe(401);
      // The account itself is untouched: its password session is still the OWNER.
      expect((await school.owner.client.viewer.me.query()).memberships[0]?.role).toBe('OWNER');
    });

    it('a student gets an account without membership; the session carries immersioStudentId', async () => {
      const id = unique('student');
      const claims = {
        sub: id,
        email: `${id}@example.test`,
        name: 'Sam Student',
        orgId,
        role: 'student',
        studentId: 'stu-42',
      };
      const response = await post(app, { token: await mint(app, claims), redirectUrl: '/' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as SignInBody;
      expect(body.user).toEqual({
        id: expect.any(Number),
        email: claims.email,
        name: 'Sam Student',
        tenantId: school.tenantId,
        role: 'STUDENT',
      });
      const rows = await app.database.db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, body.user.id));
      expect(rows).toEqual([]);
      const me = await trpcClient(app.baseUrl, body.sessionToken).viewer.me.query();
      expect(me).toEqual({
        id: body.user.id,
        email: claims.email,
        name: 'Sam Student',
        timeZone: 'UTC',
        language: 'en',
        activeTenantId: null,
        memberships: [],
        immersioStudentId: 'stu-42',
      });
      // No staff access.
      await expect(trpcClient(app.baseUrl, body.sessionToken).immersio.tenant.get.query({})).rejects.toThrow(
        /not a member/,
      );

      // Without studentId, the subject is the student id.
      const id2 = unique('student');
      const second = await post(app, {
        token: await mint(app, {
          sub: id2,
          email: `${id2}@example.test`,
          name: 'S2',
          orgId,
          role: 'student',
        }),
        redirectUrl: '/',
      });
      const body2 = (await second.json()) as SignInBody;
      expect((await trpcClient(app.baseUrl, body2.sessionToken).viewer.me.query()).immersioStudentId).toBe(
        id2,
      );
    });

    it('staff sessions have no immersioStudentId', async () => {
      const response = await post(app, { token: await mint(app, teacher(orgId)), redirectUrl: '/' });
      const body = (await response.json()) as SignInBody;
      const me = await trpcClient(app.baseUrl, body.sessionToken).viewer.me.query();
      expect(me).not.toHaveProperty('immersioStudentId');
    });

    it('an account with memberships elsewhere is not taken over by e-mail (401, nothing linked)', async () => {
      const elsewhere = await createTenant(app, { name: 'Another School' });
      for (const role of ['teacher', 'admin', 'student']) {
        const response = await post(app, {
          token: await mint(app, { ...teacher(orgId), email: elsewhere.owner.email, role }),
          redirectUrl: '/',
        });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual(INVALID);
      }
      // A student token for a staff member of this very school is refused too.
      const member = await addSignedInMember(app, school.tenantId, 'MEMBER');
      const asStudent = await post(app, {
        token: await mint(app, { ...teacher(orgId), email: member.email, role: 'student' }),
        redirectUrl: '/',
      });
      expect(asStudent.status).toBe(401);
      const rows = await app.database.db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, elsewhere.owner.id));
      expect(rows.map((r) => r.tenantId)).toEqual([elsewhere.tenantId]);
    });

    it("a new teacher counts against the plan's teachers (403 FORBIDDEN naming the limit)", async () => {
      const lite = await createTenant(app, { plan: 'lite' });
      const liteOrg = await connect(app, lite.tenantId);
      const response = await post(app, { token: await mint(app, teacher(liteOrg)), redirectUrl: '/' });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        code: 'FORBIDDEN',
        error: expect.stringMatching(/maxTeachers/),
      });
      // The owner of that school still signs in (no new membership needed).
      const owner = await post(app, {
        token: await mint(app, { ...teacher(liteOrg), email: lite.owner.email, role: 'admin' }),
        redirectUrl: '/',
      });
      expect(owner.status).toBe(200);
    });

    it('a sign-in posted from another site is refused (login CSRF)', async () => {
      const response = await post(
        app,
        { token: await mint(app, teacher(orgId)), redirectUrl: '/' },
        { origin: 'https://evil.example' },
      );
      expect(response.status).toBe(403);
      const fromBookingSite = await post(
        app,
        { token: await mint(app, teacher(orgId)), redirectUrl: '/' },
        { origin: `https://${school.slug}.${BOOKING_DOMAIN}` },
      );
      expect(fromBookingSite.status).toBe(200);
    });

    it('used token ids that could no longer be accepted are deleted by a later sign-in', async () => {
      const db = app.database.db;
      const past = new Date(app.clock.now().getTime() - 1000);
      await db.insert(usedSsoTokens).values([
        { jti: 'jwt:long-gone', expiresAt: past },
        { jti: 'state:long-gone', expiresAt: past },
      ]);
      // At most once a minute per instance: move past the previous clean-up.
      app.clock.advance(61_000);
      try {
        expect((await post(app, { token: await mint(app, teacher(orgId)), redirectUrl: '/' })).status).toBe(
          200,
        );
        await expect
          .poll(async () =>
            (await db.select().from(usedSsoTokens)).filter((r) => r.jti.endsWith('long-gone')),
          )
          .toEqual([]);
        const left = await db.select().from(usedSsoTokens);
        expect(left.length).toBeGreaterThan(0);
        expect(left.every((r) => r.expiresAt >= past)).toBe(true);
      } finally {
        app.clock.advance(-61_000);
      }
    });

    it('a missing token or redirectUrl is 400 VALIDATION_ERROR', async () => {
      const response = await post(app, { redirectUrl: '/' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
      const noRedirect = await post(app, { token: await mint(app, teacher(orgId)) });
      expect(noRedirect.status).toBe(400);
    });
  });

  describe('redirectUrl: no open redirect', () => {
    it.each([
      'https://evil.test',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(document.cookie)',
      'data:text/html,hi',
      'https://other-school.booking.test/',
      'http://SLUG.booking.test/',
      'https://localhost:3000.evil.test/',
    ])('%s → 400 VALIDATION_ERROR, and the token is not spent', async (redirectUrl) => {
      const token = await mint(app, teacher(orgId));
      const response = await post(app, { token, redirectUrl: redirectUrl.replace('SLUG', school.slug) });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'VALIDATION_ERROR',
        error: expect.stringMatching(/redirectUrl/),
      });
      expect(response.headers.getSetCookie()).toEqual([]);
      const retry = await post(app, { token, redirectUrl: '/ok' });
      expect(retry.status).toBe(200);
    });

    it("the service's own origin and the school's booking host are accepted", async () => {
      for (const redirectUrl of [
        '/dashboard',
        'http://localhost:3000/x?y=1',
        `https://${school.slug}.${BOOKING_DOMAIN}/classes`,
      ]) {
        const response = await post(app, { token: await mint(app, teacher(orgId)), redirectUrl });
        expect(response.status).toBe(200);
      }
    });
  });

  describe('start → Immersio → return', () => {
    const start = (query: Record<string, string>) =>
      fetch(`${app.baseUrl}/api/v1/oauth/immersio/start?${new URLSearchParams(query)}`, {
        redirect: 'manual',
      });
    const back = (query: Record<string, string>, nonce?: string) =>
      fetch(`${app.baseUrl}/api/v1/oauth/immersio/return?${new URLSearchParams(query)}`, {
        redirect: 'manual',
        headers: nonce ? { cookie: `ibs.sso_state=${nonce}` } : {},
      });

    async function begin(redirectUrl = `https://${school.slug}.${BOOKING_DOMAIN}/after?x=1`) {
      const response = await start({ tenantSlug: school.slug, redirectUrl });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ibs.sso_state='))!;
      const nonce = cookie.split(';')[0]!.split('=')[1]!;
      return { location, cookie, nonce, state: location.searchParams.get('state')! };
    }

    async function expectRefusedPage(response: Response, status = 401) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.getSetCookie().some((c) => c.startsWith('ibs.session_token='))).toBe(false);
      const html = await response.text();
      expect(html).toMatch(/Sign in with Immersio/);
      expect(html).not.toMatch(/<script/i);
      return html;
    }

    it('start redirects to the authorize page with client_id, redirect_uri, state and the org', async () => {
      const { location, cookie, state } = await begin();
      expect(`${location.origin}${location.pathname}`).toBe('https://immersio.test/oauth/authorize');
      expect(location.searchParams.get('prompt')).toBe('login');
      expect(location.searchParams.get('client_id')).toBe(AUDIENCE);
      expect(location.searchParams.get('redirect_uri')).toBe(
        'http://localhost:3000/api/v1/oauth/immersio/return',
      );
      expect(location.searchParams.get('tenant')).toBe(orgId);
      expect(state).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Max-Age=600/);
      expect(cookie).toMatch(/Path=\/api\/v1\/oauth\/immersio/);
    });

    it('the round trip signs in, sets the cookie and 303s to the redirect', async () => {
      const { nonce, state } = await begin();
      const token = await mint(app, { ...teacher(orgId), role: 'admin' });
      const response = await back({ token, state }, nonce);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`https://${school.slug}.${BOOKING_DOMAIN}/after?x=1`);
      const cookies = response.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith('ibs.session_token='))!;
      expect(session).toMatch(/HttpOnly/);
      expect(cookies.some((c) => /^ibs\.sso_state=;.*Max-Age=0/.test(c))).toBe(true);
      const me = await fetch(`${app.baseUrl}/api/auth/get-session`, {
        headers: { cookie: session.split(';')[0]! },
      });
      expect(((await me.json()) as { user: { name: string } }).user.name).toBe('Tess Teacher');
    });

    it('a relative redirect is resolved against PUBLIC_BASE_URL; without one the school page', async () => {
      const relative = await begin('/welcome');
      const a = await back({ token: await mint(app, teacher(orgId)), state: relative.state }, relative.nonce);
      expect(a.headers.get('location')).toBe('http://localhost:3000/welcome');
      const response = await start({ tenantSlug: school.slug });
      const location = new URL(response.headers.get('location')!);
      const nonce = response.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
      const b = await back(
        { token: await mint(app, teacher(orgId)), state: location.searchParams.get('state')! },
        nonce,
      );
      expect(b.headers.get('location')).toBe(`https://${school.slug}.${BOOKING_DOMAIN}/`);
    });

    it('a tampered state is a 401 page', async () => {
      const { nonce, state } = await begin();
      const [v, payload, mac] = state.split('.') as [string, string, string];
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = `${v}.${b64({ ...decoded, r: 'https://evil.test/' })}.${mac}`;
      const response = await back({ token: await mint(app, teacher(orgId)), state: forged }, nonce);
      await expectRefusedPage(response);
      await expectRefusedPage(
        await back({ token: await mint(app, teacher(orgId)), state: '<script>x</script>' }, nonce),
      );
    });

    it('an expired state (over 10 minutes) is a 401 page', async () => {
      const { nonce, state } = await begin();
      app.clock.advance(10 * 60 * 1000 + 1000);
      try {
        const response = await back({ token: await mint(app, teacher(orgId)), state }, nonce);
        await expectRefusedPage(response);
      } finally {
        app.clock.advance(-(10 * 60 * 1000 + 1000));
      }
    });

    it('a reused state is a 401 page, even with a fresh token', async () => {
      const { nonce, state } = await begin();
      expect((await back({ token: await mint(app, teacher(orgId)), state }, nonce)).status).toBe(303);
      await expectRefusedPage(await back({ token: await mint(app, teacher(orgId)), state }, nonce));
    });

    it("a state without this browser's nonce cookie is a 401 page (login CSRF)", async () => {
      const { state } = await begin();
      const other = await begin();
      await expectRefusedPage(await back({ token: await mint(app, teacher(orgId)), state }));
      await expectRefusedPage(await back({ token: await mint(app, teacher(orgId)), state }, other.nonce));
    });

    it("a bad token, or a token of another school's org, is a 401 page", async () => {
      const first = await begin();
      await expectRefusedPage(
        await back({ token: await mint(app, teacher(orgId), { aud: 'x' }), state: first.state }, first.nonce),
      );
      const other = await createTenant(app);
      const otherOrg = await connect(app, other.tenantId);
      const second = await begin();
      await expectRefusedPage(
        await back({ token: await mint(app, teacher(otherOrg)), state: second.state }, second.nonce),
      );
      await expectRefusedPage(await back({ state: second.state }, second.nonce));
    });

    it('start refuses open redirects (400), unknown schools (404) and unconnected schools (400)', async () => {
      for (const redirectUrl of ['https://evil.test/', '//evil.test', 'javascript:alert(1)']) {
        const response = await start({ tenantSlug: school.slug, redirectUrl });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
        expect(response.headers.getSetCookie()).toEqual([]);
      }
      expect((await start({ tenantSlug: 'no-such-school' })).status).toBe(404);
      const unconnected = await createTenant(app);
      const response = await start({ tenantSlug: unconnected.slug });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'IMMERSIO_NOT_CONNECTED' });
    });
  });
});

describe('Immersio SSO with a shared secret (HS256)', () => {
  let app: TestApp;
  let orgId: string;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        IMMERSIO_SSO_SECRET: HS_SECRET,
        IMMERSIO_SSO_ISSUER: ISSUER,
        IMMERSIO_SSO_AUDIENCE: AUDIENCE,
        // https: the session cookie is better-auth's __Secure- one.
        PUBLIC_BASE_URL: 'https://app.example.test',
      },
    });
    const school = await createTenant(app, { plan: 'enterprise' });
    orgId = await connect(app, school.tenantId);
  });
  afterAll(() => app?.close());

  it('an HS256 token signed with the secret signs in (Secure cookie under https)', async () => {
    const response = await post(app, {
      token: await mint(app, teacher(orgId), { alg: 'HS256' }),
      redirectUrl: '/',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as SignInBody).user.role).toBe('MEMBER');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Secure-ibs.session_token='));
    expect(cookie).toMatch(/; Secure/);
    const session = await fetch(`${app.baseUrl}/api/auth/get-session`, {
      headers: { cookie: cookie!.split(';')[0]! },
    });
    expect(((await session.json()) as { user: { name: string } }).user.name).toBe('Tess Teacher');
    const wrongScheme = await post(app, {
      token: await mint(app, teacher(orgId), { alg: 'HS256' }),
      redirectUrl: 'http://app.example.test/',
    });
    expect(wrongScheme.status).toBe(400);
  });

  it('RS256 (no JWKS here), another secret, alg none, expired, reused jti: 401', async () => {
    const refused = [
      await mint(app, teacher(orgId)),
      await mint(app, teacher(orgId), {
        alg: 'HS256',
        key: enc('another-secret-of-enough-length-0123456789'),
      }),
      `${b64({ alg: 'none' })}.${b64({ ...teacher(orgId), iss: ISSUER, aud: AUDIENCE, exp: seconds(app) + 60, jti: 'x' })}.`,
      await mint(app, teacher(orgId), { alg: 'HS256', exp: -120 }),
    ];
    const jti = randomUUID();
    expect(
      (await post(app, { token: await mint(app, teacher(orgId), { alg: 'HS256', jti }), redirectUrl: '/' }))
        .status,
    ).toBe(200);
    refused.push(await mint(app, teacher(orgId), { alg: 'HS256', jti }));
    for (const token of refused) {
      const response = await post(app, { token, redirectUrl: '/' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(INVALID);
    }
  });

  it('start without IMMERSIO_SSO_AUTHORIZE_URL is 400 IMMERSIO_NOT_CONNECTED', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/oauth/immersio/start?tenantSlug=x`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
  });
});

describe('Immersio SSO not configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { IMMERSIO_SSO_JWKS_URL: 'http://127.0.0.1:9/jwks.json' } });
  });
  afterAll(() => app?.close());

  it('without issuer and audience every token is 401 INVALID_TOKEN', async () => {
    const school = await createTenant(app);
    const orgId = await connect(app, school.tenantId);
    const response = await post(app, { token: await mint(app, teacher(orgId)), redirectUrl: '/' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(INVALID);
    const page = await fetch(`${app.baseUrl}/api/v1/oauth/immersio/return?token=a&state=b`, {
      redirect: 'manual',
    });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
