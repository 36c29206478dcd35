import type { Executor } from '../../../db/client.ts';
import type { CacheBus } from '../../../lib/cache-bus.ts';
import { TtlCache } from '../../../lib/ttl-cache.ts';
import { claimOfDomain } from './custom-domains.repo.ts';
import { isServiceHost } from './domain-name.ts';

/** How long a host's answer (a school, or none) is remembered, unless a school's domain changes first. */
const HOST_TTL_MS = 30_000;

/** A host some school claimed: verified (served as that school's site) or not yet (404). */
export type ClaimedHost = { verified: true; slug: string } | { verified: false };

export interface CustomDomainHosts {
  /** What `host` (port ignored) is as a school's own domain; undefined when nobody claimed it. */
  claimOfHost(host: string | undefined): Promise<ClaimedHost | undefined>;
}

/**
 * Routes requests by `Host` to the school that verified that domain. The service's own hosts never
 * reach the database; other hosts are looked up once per 30 s, found or not.
 */
export function createCustomDomainHosts(deps: {
  db: Executor;
  bus: CacheBus;
  env: { PUBLIC_BASE_URL: string; BOOKING_DOMAIN?: string | undefined };
}): CustomDomainHosts {
  const cache = new TtlCache<string, { claim: ClaimedHost | undefined }>({
    ttlMs: HOST_TTL_MS,
    maxEntries: 10_000,
  });
  // A school's domain claimed, verified or given up (on any instance) is a `tenant` event.
  deps.bus.subscribe((event) => {
    if (event.type === 'tenant' || event.type === 'all') cache.clear();
  });
  return {
    async claimOfHost(host) {
      const name = host?.toLowerCase().replace(/:\d+$/, '');
      if (!name || !/^[a-z0-9.-]{1,253}$/.test(name) || isServiceHost(name, deps.env)) return undefined;
      const cached = cache.get(name);
      if (cached) return cached.claim;
      const row = await claimOfDomain(deps.db, name);
      const claim: ClaimedHost | undefined = !row
        ? undefined
        : row.verified
          ? { verified: true, slug: row.slug }
          : { verified: false };
      cache.set(name, { claim });
      return claim;
    },
  };
}
