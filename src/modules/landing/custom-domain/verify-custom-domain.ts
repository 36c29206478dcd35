import type { Executor } from '../../../db/client.ts';
import { uniqueViolation } from '../../../db/errors.ts';
import type { CacheBus } from '../../../lib/cache-bus.ts';
import { AppError } from '../../../lib/errors.ts';
import { customDomainView } from './custom-domain-view.ts';
import * as repo from './custom-domains.repo.ts';
import type { TxtLookup } from './dns-txt.ts';
import { verificationRecord } from './domain-name.ts';

/**
 * Looks up the claim's TXT record now and records the outcome. Found: the domain is verified
 * (CONFLICT when another school verified it first). Not found: it stays pending, with the reason.
 */
export async function verifyCustomDomain(
  deps: {
    db: Executor;
    bus: CacheBus;
    txt: TxtLookup;
    now: () => Date;
    env: { PUBLIC_BASE_URL: string; BOOKING_DOMAIN?: string | undefined };
  },
  input: { tenantId: number },
) {
  const claim = await repo.findCustomDomain(deps.db, input.tenantId);
  if (!claim) throw new AppError('NOT_FOUND', 'No custom domain is set');
  if (claim.verifiedAt) return customDomainView(claim, deps.env);
  const record = verificationRecord(claim.domain, claim.token);
  let checkError: string | null = null;
  try {
    const values = await deps.txt(record.name);
    if (!values.includes(record.value)) {
      checkError =
        values.length === 0
          ? `No TXT record found at ${record.name}`
          : `The TXT record at ${record.name} does not hold ${record.value}`;
    }
  } catch (error) {
    checkError = `The DNS lookup of ${record.name} failed (${(error as { code?: string }).code ?? 'error'}); try again later`;
  }
  const checkedAt = deps.now();
  let checked: repo.CustomDomainRow | undefined;
  try {
    checked = await repo.recordCheck(deps.db, input.tenantId, claim.token, {
      verifiedAt: checkError ? null : checkedAt,
      checkedAt,
      checkError,
    });
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', `${claim.domain} is already verified for another school`);
  }
  if (checked?.verifiedAt) await deps.bus.publish({ type: 'tenant', tenantId: input.tenantId });
  // Another claim replaced this one while the lookup ran: show that one.
  return customDomainView(checked ?? (await repo.findCustomDomain(deps.db, input.tenantId)), deps.env);
}
