import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import { constantTimeEqual } from '../../lib/tokens.ts';

/**
 * The `state` of the "Sign in with Immersio" round trip (spec section 6, steps 1–2) and the rule
 * for where a sign-in may send the browser afterwards.
 *
 * A state is `v1.<payload>.<mac>` (base64url): the payload binds the tenant, the validated
 * redirect URL, a random nonce and an expiry 10 minutes out; the MAC is HMAC-SHA256 under a key
 * derived from APP_SECRET (HKDF, its own label, so it can never be confused with another use of
 * the secret). Nothing is stored when a state is issued; single use is enforced when it comes
 * back (`state:<nonce>` in `used_sso_tokens`, kept until the state would have expired anyway),
 * and the nonce is also set in a short-lived cookie on the browser that started the flow, so a
 * state (with its token) handed to another browser signs nobody in (login CSRF).
 */

export const RETURN_PATH = '/api/v1/oauth/immersio/return';
export const STATE_COOKIE = 'ibs.sso_state';
export const STATE_TTL_MS = 10 * 60 * 1000;
const VERSION = 'v1';
const MAX_STATE_LENGTH = 4096;
export const MAX_REDIRECT_URL_LENGTH = 2048;

export interface SsoState {
  tenantId: number;
  redirectUrl: string;
  nonce: string;
  expiresAt: Date;
}

const payloadSchema = z.object({
  t: z.number().int().positive(),
  r: z.string().min(1).max(MAX_REDIRECT_URL_LENGTH),
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  e: z.number().int().positive(),
});

function stateKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'immersio-booking', 'immersio-sso-state v1', 32));
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`${VERSION}.${payload}`).digest('base64url');
}

export function createState(
  appSecret: string,
  input: { tenantId: number; redirectUrl: string },
  now: Date,
): { state: string; nonce: string; expiresAt: Date } {
  const nonce = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  const payload = Buffer.from(
    JSON.stringify({ t: input.tenantId, r: input.redirectUrl, n: nonce, e: expiresAt.getTime() }),
  ).toString('base64url');
  return { state: `${VERSION}.${payload}.${mac(stateKey(appSecret), payload)}`, nonce, expiresAt };
}

/**
 * The state's content if its MAC is right and it has not expired, else null (the caller logs
 * why). Single use is the caller's job: this function has no storage.
 */
export function readState(
  appSecret: string,
  state: string,
  now: Date,
): { ok: true; state: SsoState } | { ok: false; reason: string } {
  if (state.length > MAX_STATE_LENGTH) return { ok: false, reason: 'state too long' };
  const [version, payload, signature, ...rest] = state.split('.');
  if (version !== VERSION || !payload || !signature || rest.length > 0) {
    return { ok: false, reason: 'state malformed' };
  }
  if (!constantTimeEqual(signature, mac(stateKey(appSecret), payload))) {
    return { ok: false, reason: 'state signature mismatch' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'state payload unreadable' };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'state payload invalid' };
  const { t, r, n, e } = parsed.data;
  if (e <= now.getTime()) return { ok: false, reason: 'state expired' };
  return { ok: true, state: { tenantId: t, redirectUrl: r, nonce: n, expiresAt: new Date(e) } };
}

/**
 * Where a sign-in may send the browser: the service's own origin (`PUBLIC_BASE_URL`; relative
 * paths are resolved against it) or, when `BOOKING_DOMAIN` is set, the tenant's own booking host
 * `https://<tenantSlug>.<BOOKING_DOMAIN>`. Anything else — another host, `//evil.test`,
 * `/\evil.test`, `javascript:`, `data:`, credentials in the URL — is refused. The answer is the
 * absolute, normalised URL, and that (never the raw input) is what a redirect uses, so the
 * browser cannot read it differently from the check.
 */
export function resolveRedirectUrl(
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'BOOKING_DOMAIN'>,
  tenantSlug: string,
  redirectUrl: string,
): string | null {
  if (redirectUrl.length === 0 || redirectUrl.length > MAX_REDIRECT_URL_LENGTH) return null;
  // Control characters and whitespace are stripped or reinterpreted by URL parsers: refuse them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what is refused here
  if (/[\u0000-\u0020\u007f-\u009f]/.test(redirectUrl)) return null;
  let url: URL;
  let base: URL;
  try {
    base = new URL(env.PUBLIC_BASE_URL);
    url = new URL(redirectUrl, base);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin === base.origin) return url.href;
  if (env.BOOKING_DOMAIN) {
    const bookingHost = `${tenantSlug}.${env.BOOKING_DOMAIN}`.toLowerCase();
    if (url.protocol === 'https:' && url.host === bookingHost) return url.href;
  }
  return null;
}

/** The answer when `resolveRedirectUrl` refuses a redirect the client asked for. */
export function redirectRefused(): AppError {
  return new AppError(
    'VALIDATION_ERROR',
    'redirectUrl: must be on this service or the school’s booking site',
    { issues: [{ path: 'redirectUrl', message: 'must be on this service or the school’s booking site' }] },
  );
}
