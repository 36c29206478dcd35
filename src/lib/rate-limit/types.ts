/**
 * Algorithm, shared by both stores (memory-store.ts in TypeScript, redis-store.ts in Lua):
 * a sliding-window approximation, i.e. two fixed windows weighted, as Cloudflare and Upstash do.
 *
 *   used = ceil(previousCount * (windowMs - elapsed) / windowMs) + currentCount
 *   allowed when used < limit; only allowed hits are counted.
 *
 * Why this one: a plain fixed window lets a client spend its budget twice around a window
 * boundary (100 requests at 0:59, 100 more at 1:00); the weighting bounds that, in O(1)
 * memory per key, which an exact sliding log (one timestamp per request) would not.
 *
 * Two choices make "the 101st request in a burst is refused" hold exactly, not just on average:
 * - Windows are anchored at a key's first hit rather than at the epoch, so a burst from a fresh
 *   key (or one idle for two windows) lies in a single window and is counted exactly.
 * - The weighted previous count is rounded up, so a burst that does straddle a boundary is
 *   counted in full for the first windowMs / limit after it (600 ms for 100/min).
 * Denied hits change nothing and the boundaries never move, so hammering a closed budget
 * cannot push its reopening further out.
 */

export interface RateLimitRule {
  /** Namespaces the counters, so one key (an IP) has a separate budget per rule. No ':'. */
  name: string;
  /** Requests allowed per window; a positive integer. */
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /**
   * Milliseconds until the budget frees up: when the next request will be admitted if
   * `remaining` is 0 (what Retry-After needs), otherwise until the current window ends.
   */
  resetMs: number;
  /** The rule's window, so headers can state the policy without the rule at hand. */
  windowMs: number;
}

export interface RateLimitStore {
  /** Counts one request against `key` under `rule`; `now` (ms) exists for tests. */
  hit(key: string, rule: RateLimitRule, now?: number): Promise<RateLimitDecision>;
  /** Forgets `key` under every rule, or everything this store holds. For tests. */
  reset(key?: string): Promise<void>;
  close(): Promise<void>;
  /** Where budgets live now: this process (`memory`), Redis (`shared`) or, Redis away, `local`. */
  mode?(): 'memory' | 'shared' | 'local';
}

/** The answer when no budget is being enforced (limits off, or the store is unreachable). */
export function unlimitedDecision(rule: RateLimitRule): RateLimitDecision {
  return {
    allowed: true,
    limit: rule.limit,
    remaining: rule.limit,
    resetMs: rule.windowMs,
    windowMs: rule.windowMs,
  };
}
