import { makeSignature } from 'better-auth/crypto';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { z } from 'zod';
import type { Database, Tx } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import type { Auth } from '../auth/auth.ts';
import { findUserByEmail } from '../auth/users.repo.ts';
import { roleWithin } from '../auth/viewer.ts';
import { assertWithinLimit, PLANS } from '../tenants/plans.ts';
import * as tenantsRepo from '../tenants/tenants.repo.ts';
import * as repo from './sso.repo.ts';
import { createState, readState, resolveRedirectUrl } from './sso-state.ts';

type SsoRole = 'ADMIN' | 'MEMBER' | 'STUDENT';
/** The most a token's role claim grants in its tenant. */
const SSO_ROLES: Record<SsoClaims['role'], SsoRole> = {
  admin: 'ADMIN',
  teacher: 'MEMBER',
  student: 'STUDENT',
};

/** Leeway for `exp` and `nbf`, in seconds. */
export const CLOCK_TOLERANCE_S = 60;
/**
 * The furthest ahead an accepted token may expire. A sign-in token is exchanged within moments of
 * being minted (Immersio's live five minutes); one valid for decades is a leaked signing key or a
 * mistake, and its `jti` would otherwise have to be remembered for as long.
 */
export const MAX_TOKEN_LIFETIME_S = 15 * 60;
const MAX_TOKEN_LENGTH = 8192;
const ASYMMETRIC_ALGS = ['RS256', 'ES256'];
const CLEANUP_EVERY_MS = 60_000;

type SsoEnv = Pick<
  Env,
  | 'IMMERSIO_SSO_JWKS_URL'
  | 'IMMERSIO_SSO_SECRET'
  | 'IMMERSIO_SSO_ISSUER'
  | 'IMMERSIO_SSO_AUDIENCE'
  | 'IMMERSIO_SSO_AUTHORIZE_URL'
  | 'PUBLIC_BASE_URL'
  | 'BOOKING_DOMAIN'
>;

const idLike = z.union([z.string().trim().min(1).max(255), z.number().int().transform(String)]);

/** What an Immersio SSO token must say (beyond the registered claims jose checks). */
export const ssoClaims = z.object({
  sub: z.string().trim().min(1).max(255),
  jti: z.string().min(1).max(255),
  exp: z.number(),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email())
    .transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  orgId: idLike,
  role: z.enum(['admin', 'teacher', 'student']),
  studentId: idLike.optional(),
});
export type SsoClaims = z.output<typeof ssoClaims>;

/** Thrown for every refused token: the client only ever learns "Invalid token". */
function refused(logger: Logger, reason: string, details: Record<string, unknown> = {}): AppError {
  logger.warn({ ...details, reason }, `Immersio SSO token refused: ${reason}`);
  return new AppError('INVALID_TOKEN');
}

/**
 * Verifies Immersio's SSO JWTs. The algorithm is pinned per key: `IMMERSIO_SSO_JWKS_URL` takes
 * RS256/ES256 only, `IMMERSIO_SSO_SECRET` HS256 only; with both configured the token header's
 * `alg` picks the key, so an HS256 token is never checked against a public key (the "HS256 signed
 * with the RSA public key" confusion) and an RS/ES token never against the secret. `iss`, `aud`,
 * `exp` (required), `nbf` (if present) with 60 s leeway, `jti` (required) and the claims' shape
 * are checked here; single use of `jti` is the caller's transaction.
 */
export function createSsoTokenVerifier(deps: { env: SsoEnv; logger: Logger; now: () => Date }) {
  const { env, logger } = deps;
  const secret = env.IMMERSIO_SSO_SECRET ? new TextEncoder().encode(env.IMMERSIO_SSO_SECRET) : undefined;
  const jwks = env.IMMERSIO_SSO_JWKS_URL
    ? createRemoteJWKSet(new URL(env.IMMERSIO_SSO_JWKS_URL), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
      })
    : undefined;
  const configured = Boolean(env.IMMERSIO_SSO_ISSUER && env.IMMERSIO_SSO_AUDIENCE && (secret || jwks));

  return {
    configured,
    async verify(token: string): Promise<SsoClaims> {
      if (!configured) {
        logger.warn(
          'Immersio SSO is not configured (IMMERSIO_SSO_ISSUER, IMMERSIO_SSO_AUDIENCE and IMMERSIO_SSO_JWKS_URL or IMMERSIO_SSO_SECRET): token refused',
        );
        throw new AppError('INVALID_TOKEN');
      }
      if (token.length > MAX_TOKEN_LENGTH) throw refused(logger, 'token too long');
      let alg: string | undefined;
      let kid: string | undefined;
      try {
        const header = decodeProtectedHeader(token);
        alg = header.alg;
        kid = header.kid;
      } catch {
        throw refused(logger, 'not a JWS compact token');
      }
      const options = {
        issuer: env.IMMERSIO_SSO_ISSUER!,
        audience: env.IMMERSIO_SSO_AUDIENCE!,
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: deps.now(),
        requiredClaims: ['exp', 'jti', 'sub'],
      };
      let payload: JWTPayload;
      try {
        if (alg === 'HS256') {
          if (!secret) throw refused(logger, 'HS256 token but no IMMERSIO_SSO_SECRET is configured', { alg });
          ({ payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }));
        } else if (alg !== undefined && ASYMMETRIC_ALGS.includes(alg)) {
          if (!jwks)
            throw refused(logger, `${alg} token but no IMMERSIO_SSO_JWKS_URL is configured`, { alg });
          ({ payload } = await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC_ALGS }));
        } else {
          throw refused(logger, `algorithm not accepted: ${String(alg)}`, { alg });
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JOSEError) {
          const claim = error instanceof joseErrors.JWTClaimValidationFailed ? error.claim : undefined;
          throw refused(logger, error.message, { joseCode: error.code, claim, alg, kid });
        }
        // Not the token's fault (JWKS unreachable, …): still a refusal for the client, an error here.
        logger.error({ err: error, alg, kid }, 'Immersio SSO token could not be verified');
        throw new AppError('INVALID_TOKEN');
      }
      const parsed = ssoClaims.safeParse(payload);
      if (!parsed.success) {
        throw refused(logger, 'claims do not match the expected shape', {
          fields: parsed.error.issues.map((i) => i.path.join('.')),
        });
      }
      const nowS = Math.floor(deps.now().getTime() / 1000);
      if (parsed.data.exp > nowS + MAX_TOKEN_LIFETIME_S + CLOCK_TOLERANCE_S) {
        throw refused(logger, `exp is more than ${MAX_TOKEN_LIFETIME_S} s ahead`, { exp: parsed.data.exp });
      }
      return parsed.data;
    },
  };
}

export type SignedInVia = { sessionToken: string; setCookie: string[] };

/**
 * "Sign in with Immersio" (spec 2.3 and 6): `callback` takes a token posted by the booking page,
 * `start` sends a browser to Immersio's authorize page with a signed state, `complete` is where
 * the browser comes back with the token and the state. All three end in `signIn`: verify,
 * find the tenant by organisation, provision the user, identity and membership, mint a session.
 */
export function createSsoService(deps: {
  db: Database;
  env: SsoEnv & { APP_SECRET: string };
  auth: Auth;
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
}) {
  const logger = deps.logger.child({ module: 'immersio-sso' });
  const verifier = createSsoTokenVerifier({ env: deps.env, logger, now: deps.now });
  const cookieSecure = deps.env.PUBLIC_BASE_URL.startsWith('https://');
  let lastCleanup = 0;

  /**
   * Where Immersio sends the browser back: the school's own booking host when the sign-in started
   * there (so the state cookie and then the session cookie belong to that host, where its pages
   * are), otherwise PUBLIC_BASE_URL.
   */
  function returnOrigin(tenantSlug: string, requestHost: string | undefined): string {
    const domain = deps.env.BOOKING_DOMAIN?.toLowerCase();
    if (!domain || !requestHost) return deps.env.PUBLIC_BASE_URL;
    let host = requestHost.toLowerCase();
    if (!domain.includes(':')) host = host.replace(/:\d+$/, '');
    const bookingHost = `${tenantSlug}.${domain}`;
    return host === bookingHost ? `https://${bookingHost}` : deps.env.PUBLIC_BASE_URL;
  }

  /** Forgets used token ids and states that could no longer be accepted, at most once a minute. */
  function cleanup(now: Date) {
    if (now.getTime() - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = now.getTime();
    repo.deleteExpiredUsedTokens(deps.db, now).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not delete expired SSO token ids');
    });
  }

  /** A better-auth session for the user (its internal adapter, as sign-in would) and its cookie. */
  async function mintSession(
    userId: number,
    tenantId: number,
    ssoRole: SsoRole,
    client: { ip?: string; userAgent?: string },
  ) {
    const ctx = await deps.auth.$context;
    const session = await ctx.internalAdapter.createSession(String(userId), false, {
      activeTenantId: tenantId,
      ssoTenantId: tenantId,
      ssoRole,
      ipAddress: client.ip ?? '',
      userAgent: client.userAgent ?? '',
    });
    if (!session) throw new AppError('INTERNAL_ERROR', 'Could not create a session');
    // Same cookie as better-auth's sign-in: its name, attributes and lifetime, the token signed
    // with the auth secret (HMAC-SHA256), so sign-out and get-session treat it like any other.
    const cookie = ctx.authCookies.sessionToken;
    const value = encodeURIComponent(`${session.token}.${await makeSignature(session.token, ctx.secret)}`);
    const attributes = cookie.attributes;
    const parts = [`${cookie.name}=${value}`, `Max-Age=${Math.floor(ctx.sessionConfig.expiresIn)}`];
    if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
    parts.push(`Path=${attributes.path ?? '/'}`);
    if (attributes.httpOnly !== false) parts.push('HttpOnly');
    if (attributes.secure) parts.push('Secure');
    const sameSite = attributes.sameSite ?? 'lax';
    parts.push(`SameSite=${sameSite.charAt(0).toUpperCase()}${sameSite.slice(1)}`);
    return { sessionToken: session.token, setCookie: [parts.join('; ')] };
  }

  /**
   * The user for these claims. An identity already linked wins (whatever the e-mail says now).
   * Otherwise the account with that e-mail is linked — but only if signing in as it grants nothing
   * this organisation does not control: a staff token may link an account whose memberships are
   * all in this tenant, a student token only an account with no membership at all. Otherwise
   * anyone able to get a token for an address (an Immersio account with someone else's e-mail)
   * could take over a school owner's account elsewhere.
   */
  async function resolveUser(tx: Tx, claims: SsoClaims, tenantId: number) {
    const identity = await repo.findIdentity(tx, claims.orgId, claims.sub);
    if (identity) {
      const user = await repo.findUserById(tx, identity.userId);
      if (user) return user;
    }
    const existing = await findUserByEmail(tx, claims.email);
    if (existing) {
      const elsewhere = await repo.countMembershipsElsewhere(
        tx,
        existing.id,
        claims.role === 'student' ? null : tenantId,
      );
      if (elsewhere > 0) {
        throw refused(
          logger,
          'the e-mail belongs to an account with memberships this organisation does not control; not linked',
          {
            userId: existing.id,
            orgId: claims.orgId,
            role: claims.role,
          },
        );
      }
      return existing;
    }
    return repo.insertUserIfAbsent(tx, { email: claims.email, name: claims.name });
  }

  async function signIn(input: {
    token: string;
    /** The return leg: the tenant the state was issued for. */
    expectTenantId?: number;
    /** The callback: checked against the token's tenant before anything is written. */
    redirectUrl?: string;
    client: { ip?: string; userAgent?: string };
  }) {
    const claims = await verifier.verify(input.token);
    const now = deps.now();
    const tenant = await repo.findTenantByOrgId(deps.db, claims.orgId);
    if (!tenant)
      throw refused(logger, 'no tenant is connected to this organisation', { orgId: claims.orgId });
    if (input.expectTenantId !== undefined && input.expectTenantId !== tenant.tenantId) {
      throw refused(logger, 'token organisation is not the tenant the sign-in started for', {
        orgId: claims.orgId,
        tenantId: input.expectTenantId,
      });
    }
    let redirectUrl: string | undefined;
    if (input.redirectUrl !== undefined) {
      redirectUrl = resolveRedirectUrl(deps.env, tenant.slug, input.redirectUrl) ?? undefined;
      if (!redirectUrl) throw redirectRefused();
    }

    const result = await deps.db.transaction(async (tx) => {
      // Kept until the token could no longer pass `exp` (with the leeway), so a replay always hits it.
      const usedUntil = new Date((claims.exp + CLOCK_TOLERANCE_S) * 1000);
      if (!(await repo.markUsedOnce(tx, `jwt:${claims.jti}`, usedUntil))) {
        throw refused(logger, 'jti already used (replay)', { jti: claims.jti, orgId: claims.orgId });
      }
      const user = await resolveUser(tx, claims, tenant.tenantId);
      const student = claims.role === 'student';
      await repo.upsertIdentity(
        tx,
        {
          userId: user.id,
          orgId: claims.orgId,
          subject: claims.sub,
          role: claims.role,
          immersioStudentId: student ? (claims.studentId ?? claims.sub) : null,
        },
        now,
      );
      // The session acts with no more than the token's role (withinSsoGrant), whatever the
      // account holds: a teacher token for the owner's address is a MEMBER session.
      const grant = SSO_ROLES[claims.role];
      if (student) return { user, role: grant };
      const held = await ensureMembership(
        tx,
        tenant.tenantId,
        user,
        grant === 'ADMIN' ? 'ADMIN' : 'MEMBER',
        now,
      );
      return { user, role: roleWithin(held, grant) };
    });

    await deps.bus.publish({ type: 'user', userId: result.user.id });
    const session = await mintSession(result.user.id, tenant.tenantId, SSO_ROLES[claims.role], input.client);
    cleanup(now);
    logger.info(
      { userId: result.user.id, tenantId: tenant.tenantId, role: result.role, immersioRole: claims.role },
      'signed in with Immersio',
    );
    return {
      ...session,
      redirectUrl,
      body: {
        success: true as const,
        sessionToken: session.sessionToken,
        user: {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          tenantId: tenant.tenantId,
          role: result.role,
        },
      },
    };
  }

  /**
   * A membership with at least `wanted`: added if missing (counted against the plan's teachers
   * under the tenant's row lock, like an invitation), MEMBER raised to ADMIN, OWNER and ADMIN never
   * lowered.
   */
  async function ensureMembership(
    tx: Tx,
    tenantId: number,
    user: { id: number; email: string },
    wanted: 'ADMIN' | 'MEMBER',
    now: Date,
  ): Promise<string> {
    const current = await tenantsRepo.findMembership(tx, tenantId, user.id);
    if (current) {
      if (current.role === 'MEMBER' && wanted === 'ADMIN') {
        await repo.setMembershipRole(tx, tenantId, user.id, 'ADMIN');
        return 'ADMIN';
      }
      return current.role;
    }
    const locked = await tenantsRepo.lockTenant(tx, tenantId);
    if (!locked) throw new AppError('INVALID_TOKEN');
    // An open invitation for this address already holds a seat: the membership takes it.
    const invite = await tenantsRepo.findUnresolvedInvite(tx, tenantId, user.email);
    if (!invite || invite.expiresAt <= now) {
      const used =
        (await tenantsRepo.countMembers(tx, tenantId)) +
        (await tenantsRepo.countOpenInvites(tx, tenantId, now));
      assertWithinLimit(PLANS[locked.plan], 'maxTeachers', used);
    }
    const inserted = await tenantsRepo.insertMembership(tx, { tenantId, userId: user.id, role: wanted });
    if (inserted) return inserted.role;
    // A concurrent sign-in added it first.
    return (await tenantsRepo.findMembership(tx, tenantId, user.id))?.role ?? wanted;
  }

  function redirectRefused() {
    return new AppError(
      'VALIDATION_ERROR',
      'redirectUrl: must be on this service or the school’s booking site',
      { issues: [{ path: 'redirectUrl', message: 'must be on this service or the school’s booking site' }] },
    );
  }

  return {
    get configured() {
      return verifier.configured;
    },

    /** `POST /api/v1/oauth/immersio/callback`. */
    async callback(input: {
      token: string;
      redirectUrl: string;
      client: { ip?: string; userAgent?: string };
    }) {
      return signIn(input);
    },

    /**
     * `GET /api/v1/oauth/immersio/start`: where to send the browser, and the nonce to keep in its
     * cookie. A tenant without a live integration (or a service without SSO) is 400
     * IMMERSIO_NOT_CONNECTED; an unknown tenant 404.
     */
    async start(input: {
      tenantSlug: string;
      redirectUrl?: string | undefined;
      /** The Host the start request came to: the school's booking host keeps the round trip there. */
      requestHost?: string | undefined;
    }) {
      const authorizeUrl = deps.env.IMMERSIO_SSO_AUTHORIZE_URL;
      if (!verifier.configured || !authorizeUrl) {
        logger.warn('Immersio SSO start refused: SSO (or IMMERSIO_SSO_AUTHORIZE_URL) is not configured');
        throw new AppError('IMMERSIO_NOT_CONNECTED', 'Sign-in with Immersio is not configured');
      }
      const tenant = await repo.findTenantWithOrgBySlug(deps.db, input.tenantSlug);
      if (!tenant) throw new AppError('TENANT_NOT_FOUND');
      if (!tenant.orgId)
        throw new AppError('IMMERSIO_NOT_CONNECTED', 'This school is not connected to Immersio');
      const redirectUrl = resolveRedirectUrl(
        deps.env,
        tenant.slug,
        input.redirectUrl ?? tenantPublicUrl(deps.env, tenant.slug),
      );
      if (!redirectUrl) throw redirectRefused();
      const { state, nonce, expiresAt } = createState(
        deps.env.APP_SECRET,
        { tenantId: tenant.tenantId, redirectUrl },
        deps.now(),
      );
      const location = new URL(authorizeUrl);
      location.searchParams.set('client_id', deps.env.IMMERSIO_SSO_AUDIENCE!);
      location.searchParams.set(
        'redirect_uri',
        `${returnOrigin(tenant.slug, input.requestHost)}${RETURN_PATH}`,
      );
      location.searchParams.set('state', state);
      location.searchParams.set('tenant', tenant.orgId);
      return { location: location.href, nonce, expiresAt, cookieSecure };
    },

    /**
     * `GET /api/v1/oauth/immersio/return`: the state must be ours, unexpired, unused and the one
     * this browser started (its nonce cookie); then the token is treated like the callback's.
     */
    async complete(input: {
      token: string | undefined;
      state: string | undefined;
      nonceCookie: string | undefined;
      client: { ip?: string; userAgent?: string };
    }) {
      if (!verifier.configured) {
        logger.warn('Immersio SSO is not configured: return refused');
        throw new AppError('INVALID_TOKEN');
      }
      if (!input.state || !input.token) throw refused(logger, 'return without token or state');
      const now = deps.now();
      const read = readState(deps.env.APP_SECRET, input.state, now);
      if (!read.ok) throw refused(logger, read.reason);
      const { state } = read;
      if (!input.nonceCookie || input.nonceCookie !== state.nonce) {
        throw refused(logger, 'state was not started by this browser (nonce cookie missing or different)');
      }
      if (!(await repo.markUsedOnce(deps.db, `state:${state.nonce}`, state.expiresAt))) {
        throw refused(logger, 'state already used (replay)');
      }
      const slug = await repo.findTenantSlug(deps.db, state.tenantId);
      const redirectUrl = slug ? resolveRedirectUrl(deps.env, slug, state.redirectUrl) : null;
      if (!redirectUrl) throw refused(logger, 'state redirect no longer allowed for its tenant');
      const result = await signIn({
        token: input.token,
        expectTenantId: state.tenantId,
        client: input.client,
      });
      return { ...result, redirectUrl, cookieSecure };
    },
  };
}

export const RETURN_PATH = '/api/v1/oauth/immersio/return';
export const STATE_COOKIE = 'ibs.sso_state';

export type SsoService = ReturnType<typeof createSsoService>;
