import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { z } from 'zod';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';

export type SsoRole = 'ADMIN' | 'MEMBER' | 'STUDENT';
/** The most a token's role claim grants in its tenant. */
export const SSO_ROLES: Record<SsoClaims['role'], SsoRole> = {
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

export type SsoEnv = Pick<
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
export function refused(logger: Logger, reason: string, details: Record<string, unknown> = {}): AppError {
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

export type SsoTokenVerifier = ReturnType<typeof createSsoTokenVerifier>;
