import type { Env } from '../../env.ts';

/** Which tenant's public site a request is for, and the page path inside that site. */
export interface SiteAddress {
  tenantSlug: string;
  /** Path segments after the tenant: [] for the landing page, [teacher, workshop] for a workshop. */
  rest: string[];
  /** True on `{slug}.{BOOKING_DOMAIN}` or the school's own domain, false on `{PUBLIC_BASE_URL}/{slug}/…`. */
  onTenantHost: boolean;
  /** `https://{domain}` when the request came to the school's own verified domain: its canonical address. */
  customOrigin?: string;
}

const SEGMENT = /^[a-z0-9][a-z0-9-]{0,199}$/;

/**
 * A tenant's pages live at `https://{slug}.{BOOKING_DOMAIN}/…` when a booking domain is set, and
 * always at `{PUBLIC_BASE_URL}/{slug}/…` (spec: the landing page at `/{tenantSlug}`). Returns
 * null for anything that cannot be a tenant page, so the caller answers 404 without a query.
 */
export function resolveSite(
  env: Pick<Env, 'BOOKING_DOMAIN'>,
  host: string | undefined,
  path: string,
  /** The school whose verified own domain the host is (issue 20), served like its booking host. */
  customDomainSlug?: string,
): SiteAddress | null {
  const segments = path
    .split('?', 1)[0]!
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => safeDecode(segment)?.toLowerCase() ?? '\0');
  if (segments.some((segment) => !SEGMENT.test(segment))) return null;
  if (customDomainSlug && host) {
    const customOrigin = `https://${host.toLowerCase().replace(/:\d+$/, '')}`;
    return { tenantSlug: customDomainSlug, rest: segments, onTenantHost: true, customOrigin };
  }
  const tenantFromHost = tenantOfHost(env.BOOKING_DOMAIN, host);
  if (tenantFromHost) return { tenantSlug: tenantFromHost, rest: segments, onTenantHost: true };
  const [tenantSlug, ...rest] = segments;
  return tenantSlug ? { tenantSlug, rest, onTenantHost: false } : null;
}

function tenantOfHost(bookingDomain: string | undefined, host: string | undefined): string | null {
  if (!bookingDomain || !host) return null;
  const domain = bookingDomain.toLowerCase();
  let name = host.toLowerCase();
  // BOOKING_DOMAIN may name a port (development); if it does not, the request's port is ignored.
  if (!domain.includes(':')) name = name.replace(/:\d+$/, '');
  if (!name.endsWith(`.${domain}`)) return null;
  const label = name.slice(0, -(domain.length + 1));
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label) ? label : null;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
