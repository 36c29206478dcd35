import type { Executor } from '../../../db/client.ts';
import { customDomainView } from './custom-domain-view.ts';
import { findCustomDomain } from './custom-domains.repo.ts';

export async function getCustomDomain(
  deps: { db: Executor; env: { PUBLIC_BASE_URL: string; BOOKING_DOMAIN?: string | undefined } },
  input: { tenantId: number },
) {
  return customDomainView(await findCustomDomain(deps.db, input.tenantId), deps.env);
}
