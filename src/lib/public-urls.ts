import type { Env } from '../env.ts';
import { slugify } from './slug.ts';

/**
 * Where a tenant's public pages live: its own host under BOOKING_DOMAIN when that is set
 * (`https://{slug}.{BOOKING_DOMAIN}`), otherwise a path on the service (`{PUBLIC_BASE_URL}/{slug}`).
 */
export function tenantPublicUrl(
  env: Pick<Env, 'BOOKING_DOMAIN' | 'PUBLIC_BASE_URL'>,
  tenantSlug: string,
): string {
  return env.BOOKING_DOMAIN
    ? `https://${tenantSlug}.${env.BOOKING_DOMAIN}`
    : `${env.PUBLIC_BASE_URL}/${tenantSlug}`;
}

/** A workshop's page: `{tenant's public URL}/{teacher's name slugified}/{workshop slug}`. */
export function workshopBookingUrl(
  env: Pick<Env, 'BOOKING_DOMAIN' | 'PUBLIC_BASE_URL'>,
  tenantSlug: string,
  teacherName: string,
  workshopSlug: string,
): string {
  return `${tenantPublicUrl(env, tenantSlug)}/${slugify(teacherName)}/${workshopSlug}`;
}
