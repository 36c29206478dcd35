import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { claimOfDomain } from './custom-domains.repo.ts';

/** The proxy may fetch a certificate for `domain` only when a school verified it. */
export async function assertServedDomain(deps: { db: Executor }, domain: string): Promise<void> {
  if (!(await claimOfDomain(deps.db, domain))?.verified) {
    throw new AppError('NOT_FOUND', 'Not a verified school domain');
  }
}
