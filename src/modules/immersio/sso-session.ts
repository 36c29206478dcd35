import { makeSignature } from 'better-auth/crypto';
import { AppError } from '../../lib/errors.ts';
import type { Auth } from '../auth/auth.ts';
import type { SsoRole } from './sso-token-verifier.ts';

export type SignedInVia = { sessionToken: string; setCookie: string[] };

/** A better-auth session for the user (its internal adapter, as sign-in would) and its cookie. */
export async function mintSsoSession(
  auth: Auth,
  userId: number,
  tenantId: number,
  ssoRole: SsoRole,
  client: { ip?: string; userAgent?: string },
): Promise<SignedInVia> {
  const ctx = await auth.$context;
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
