import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated changes must come from our own pages. SameSite=Lax already keeps the
 * cookie off cross-site POSTs; this is the second wall for browsers or proxies that get that
 * wrong. Bearer-token calls are not at risk (a browser never attaches them by itself), and a
 * request without Origin or Sec-Fetch-Site is not a browser's cross-site request.
 */
export function isCrossSiteCookieMutation(
  req: FastifyRequest,
  options: {
    trustedOrigins: string[];
    bookingDomain?: string | undefined;
    cookieName: string;
    /** Sign-in sets a cookie: a cross-site sign-in (login CSRF) is refused even without one. */
    evenWithoutCookie?: boolean;
  },
): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const headers = req.headers;
  // Only when a bearer token is the credential that will be used (it is read before the cookie):
  // `Authorization: Basic …` next to a cookie still acts with the cookie.
  if (usesBearer(headers.authorization)) return false;
  if (!options.evenWithoutCookie && !headers.cookie?.includes(options.cookieName)) return false;

  const origin = headers.origin;
  if (origin === undefined || origin === '') {
    return headers['sec-fetch-site'] === 'cross-site';
  }
  if (origin === 'null') return true;
  if (options.trustedOrigins.includes(origin)) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true;
  }
  // Same origin as the request itself (any host the service is reached on).
  if (headers.host && parsed.host === headers.host) return false;
  const domain = options.bookingDomain;
  if (domain && parsed.protocol === 'https:' && parsed.host.endsWith(`.${domain}`)) return false;
  return true;
}

function usesBearer(authorization: string | undefined): boolean {
  return (
    authorization !== undefined &&
    authorization.length > 7 &&
    authorization.slice(0, 7).toLowerCase() === 'bearer ' &&
    authorization.slice(7).trim() !== ''
  );
}

/**
 * Paths whose POST can set a session cookie: a cross-site one is refused even without a cookie,
 * or another site could sign its visitor in as an account of its choosing (login CSRF).
 */
export function setsSessionCookie(url: string): boolean {
  return (
    url.startsWith('/api/auth/') ||
    url.startsWith('/invite/') ||
    url.startsWith('/api/v1/invites/') ||
    url.startsWith('/api/v1/oauth/')
  );
}
