import { z } from 'zod';

/** A host name a school can point at us: labels of letters, digits and hyphens, a TLD of letters. */
export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a host name such as book.myschool.edu',
  );

/** The DNS name that carries the verification record, and the record's text. */
export function verificationRecord(domain: string, token: string): { name: string; value: string } {
  return { name: `_immersio-booking.${domain}`, value: `immersio-booking-verify=${token}` };
}

/** True for the service's own hosts, which no school may claim. */
export function isServiceHost(
  domain: string,
  env: { PUBLIC_BASE_URL: string; BOOKING_DOMAIN?: string | undefined },
): boolean {
  const own = [new URL(env.PUBLIC_BASE_URL).hostname.toLowerCase()];
  const booking = env.BOOKING_DOMAIN?.toLowerCase().replace(/:\d+$/, '');
  if (booking) own.push(booking);
  return own.some((host) => domain === host || domain.endsWith(`.${host}`));
}
