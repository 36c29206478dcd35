import type { Executor } from '../../../db/client.ts';
import type { CacheBus } from '../../../lib/cache-bus.ts';
import { AppError } from '../../../lib/errors.ts';
import { newToken } from '../../../lib/tokens.ts';
import { customDomainView } from './custom-domain-view.ts';
import * as repo from './custom-domains.repo.ts';
import { isServiceHost } from './domain-name.ts';

/**
 * Claims the school's own domain (a new verification token, unverified until checked), or with
 * `null` gives it up. Claiming the domain already claimed keeps its token and its verification.
 */
export async function setCustomDomain(
  deps: {
    db: Executor;
    bus: CacheBus;
    env: { PUBLIC_BASE_URL: string; BOOKING_DOMAIN?: string | undefined };
  },
  input: { tenantId: number; domain: string | null },
) {
  if (input.domain === null) {
    await repo.removeCustomDomain(deps.db, input.tenantId);
    await deps.bus.publish({ type: 'tenant', tenantId: input.tenantId });
    return customDomainView(undefined, deps.env);
  }
  if (isServiceHost(input.domain, deps.env)) {
    throw new AppError(
      'VALIDATION_ERROR',
      'That domain belongs to the booking service: use a domain of your own',
    );
  }
  const current = await repo.findCustomDomain(deps.db, input.tenantId);
  if (current?.domain === input.domain) return customDomainView(current, deps.env);
  const claimed = await repo.claimCustomDomain(
    deps.db,
    input.tenantId,
    input.domain,
    newToken().slice(0, 32),
  );
  // The old domain (if verified) stops serving; the new one answers 404 until verified.
  await deps.bus.publish({ type: 'tenant', tenantId: input.tenantId });
  return customDomainView(claimed, deps.env);
}
