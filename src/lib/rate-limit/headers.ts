import type { RateLimitDecision } from './types.ts';

/**
 * The IETF draft's RateLimit-* fields (draft-ietf-httpapi-ratelimit-headers, separate-field
 * form, which is what most clients parse today), plus Retry-After on a refusal.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil(decision.resetMs / 1000));
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(resetSeconds),
    'RateLimit-Policy': `${decision.limit};w=${Math.ceil(decision.windowMs / 1000)}`,
  };
  // At least 1: "Retry-After: 0" invites an immediate retry that would be refused again.
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, resetSeconds));
  return headers;
}
