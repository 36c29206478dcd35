import type { CustomDomainRow } from './custom-domains.repo.ts';
import { verificationRecord } from './domain-name.ts';

/** What the staff app shows: the domain, the record to publish, and how the last check went. */
export function customDomainView(
  row: CustomDomainRow | undefined,
  env: { PUBLIC_BASE_URL: string; BOOKING_DOMAIN?: string | undefined },
) {
  if (!row) return { domain: null };
  return {
    domain: row.domain,
    // Where the school points its domain (a CNAME): the booking domain, else the service's host.
    cnameTarget: (env.BOOKING_DOMAIN ?? new URL(env.PUBLIC_BASE_URL).host).replace(/:\d+$/, ''),
    status: row.verifiedAt ? ('verified' as const) : ('pending' as const),
    record: { type: 'TXT' as const, ...verificationRecord(row.domain, row.token) },
    verifiedAt: row.verifiedAt,
    checkedAt: row.checkedAt,
    checkError: row.checkError,
  };
}
