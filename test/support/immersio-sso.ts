import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { immersioIntegrations } from '../../src/db/schema/index.ts';
import { type TestApp, unique } from './app.ts';

// "Sign in with Immersio" for tests that need a student session (HS256 with a shared secret).
// See test/integration/sso.test.ts for the sign-in itself.

const ISSUER = 'https://immersio.test';
const AUDIENCE = 'booking-service';
const SECRET = 'hs256-shared-secret-for-immersio-sso-test-0123456789';

/** The env that turns SSO on; spread it into `startTestApp({ env })` / `useTestApp({ env })`. */
export const SSO_ENV = {
  IMMERSIO_SSO_ISSUER: ISSUER,
  IMMERSIO_SSO_AUDIENCE: AUDIENCE,
  IMMERSIO_SSO_SECRET: SECRET,
};

/** The tenant's live Immersio organisation id, connecting a bare integration row if there is none. */
export async function immersioOrgOf(app: TestApp, tenantId: number): Promise<string> {
  const db = app.database.db;
  const [row] = await db
    .select({ orgId: immersioIntegrations.immersioOrgId })
    .from(immersioIntegrations)
    .where(eq(immersioIntegrations.tenantId, tenantId));
  if (row) return row.orgId;
  const orgId = unique('org');
  await db.insert(immersioIntegrations).values({ tenantId, immersioOrgId: orgId });
  return orgId;
}

export interface StudentSession {
  /** For `Authorization: Bearer`. */
  sessionToken: string;
  /** The `ibs.session_token=…` pair for a `Cookie` header. */
  cookie: string;
  userId: number;
  email: string;
  studentId: string;
}

/**
 * Signs a student of the tenant's Immersio organisation in through
 * `POST /api/v1/oauth/immersio/callback`, as the booking page would. The app must run with
 * `SSO_ENV`.
 */
export async function signInImmersioStudent(
  app: TestApp,
  tenantId: number,
  student: { studentId: string; email?: string; name?: string },
): Promise<StudentSession> {
  const { token, email } = await signStudentToken(app, tenantId, student);
  const response = await fetch(`${app.baseUrl}/api/v1/oauth/immersio/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, redirectUrl: '/' }),
  });
  if (response.status !== 200) {
    throw new Error(`Immersio sign-in failed: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { sessionToken: string; user: { id: number; role: string } };
  if (body.user.role !== 'STUDENT') throw new Error(`signed in as ${body.user.role}, not as a student`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ibs.session_token='));
  if (!cookie) throw new Error('no session cookie');
  return {
    sessionToken: body.sessionToken,
    cookie,
    userId: body.user.id,
    email,
    studentId: student.studentId,
  };
}

/**
 * `POST /api/v1/public/bookings` with a session: `Authorization: Bearer` by default, or the
 * session cookie (`via: 'cookie'`, sent with the app's own Origin, as from the booking page).
 */
export async function bookAs(
  app: TestApp,
  session: StudentSession,
  request: unknown,
  via: 'bearer' | 'cookie' = 'bearer',
) {
  const auth: Record<string, string> =
    via === 'bearer'
      ? { authorization: `Bearer ${session.sessionToken}` }
      : { cookie: session.cookie, origin: app.baseUrl };
  const response = await fetch(`${app.baseUrl}/api/v1/public/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any, response };
}

/** The JWT Immersio would hand a student of the tenant's organisation (HS256, `SSO_ENV`). */
export async function signStudentToken(
  app: TestApp,
  tenantId: number,
  student: { studentId: string; email?: string; name?: string },
): Promise<{ token: string; email: string }> {
  const orgId = await immersioOrgOf(app, tenantId);
  const sub = unique('student');
  const email = student.email ?? `${sub}@example.test`;
  const now = Math.floor(app.clock.now().getTime() / 1000);
  const token = await new SignJWT({
    email,
    name: student.name ?? 'Sam Student',
    orgId,
    role: 'student',
    studentId: student.studentId,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(SECRET));
  return { token, email };
}
