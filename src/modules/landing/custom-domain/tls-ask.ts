import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { tenantOfVerifiedDomain } from './custom-domains.repo.ts';

/** The proxy may fetch a certificate for `domain` only when a school verified it. */
export async function assertServedDomain(deps: { db: Executor }, domain: string): Promise<void> {
  if ((await tenantOfVerifiedDomain(deps.db, domain)) === undefined) {
    throw new AppError('NOT_FOUND', 'Not a verified school domain');
  }
}
