import type { RateLimitDecision, RateLimitRule, RateLimitStore } from './types.ts';

/** One key's two windows; see types.ts for the algorithm. */
export interface WindowState {
  /** When the current window began (ms). */
  start: number;
  previous: number;
  current: number;
}

/**
 * One hit against `state` (undefined for an unseen key), returning the next state and the
 * decision. Pure, so the Lua copy in redis-store.ts can be checked against it step by step.
 */
export function slidingWindowHit(
  state: WindowState | undefined,
  rule: RateLimitRule,
  now: number,
): { state: WindowState; decision: RateLimitDecision } {
  const { limit, windowMs } = rule;
  let { start, previous, current } = state ?? { start: now, previous: 0, current: 0 };
  if (now - start >= 2 * windowMs) {
    // Both windows are over: re-anchor, so the next burst again lands in a single window.
    start = now;
    previous = 0;
    current = 0;
  } else if (now - start >= windowMs) {
    start += windowMs;
    previous = current;
    current = 0;
  }
  // A clock that stepped back must not make the previous window weigh more than all of it.
  const elapsed = Math.max(0, now - start);
  const weighted = Math.ceil((previous * (windowMs - elapsed)) / windowMs);
  const allowed = weighted + current < limit;
  if (allowed) current += 1;
  const remaining = Math.max(0, limit - weighted - current);
  let resetMs: number;
  if (remaining > 0 || limit < 1) {
    resetMs = windowMs - elapsed;
  } else if (current < limit) {
    // Admitted once the previous window has decayed to limit - 1 - current (previous > 0 here).
    resetMs = Math.max(1, windowMs - Math.floor((windowMs * (limit - 1 - current)) / previous) - elapsed);
  } else {
    // The current window is full: it has to become the previous one and decay by one request.
    resetMs = 2 * windowMs - elapsed - Math.floor((windowMs * (limit - 1)) / current);
  }
  return { state: { start, previous, current }, decision: { allowed, limit, remaining, resetMs, windowMs } };
}

export interface MemoryStoreOptions {
  /** Beyond this many keys the least recently hit is dropped, so a flood of IPs can't exhaust memory. */
  maxEntries?: number;
  sweepIntervalMs?: number;
  /** Defaults to Date.now; tests inject their own. */
  clock?: () => number;
}

export interface MemoryStore extends RateLimitStore {
  readonly size: number;
  /** Drops expired keys; the timer calls this, tests may too. Returns how many went. */
  sweep(now?: number): number;
}

interface Entry extends WindowState {
  /** After this, both windows are over and the entry says nothing a fresh one wouldn't. */
  expiresAt: number;
}

/** Per-process counters: right for a single instance, and the default without REDIS_URL. */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const clock = options.clock ?? Date.now;
  // Map iteration follows insertion order and every hit re-inserts its key, so the first
  // entry is always the least recently hit: eviction is O(1) without a separate list.
  const entries = new Map<string, Entry>();

  const sweep = (now = clock()): number => {
    let removed = 0;
    for (const [id, entry] of entries) {
      if (entry.expiresAt <= now) {
        entries.delete(id);
        removed += 1;
      }
    }
    return removed;
  };
  // A full scan, but once a minute rather than per hit; unref'd so it never holds the process open.
  const timer = setInterval(sweep, options.sweepIntervalMs ?? 60_000);
  timer.unref();

  return {
    get size() {
      return entries.size;
    },
    sweep,
    async hit(key, rule, now = clock()) {
      const id = `${rule.name}:${key}`;
      const existing = entries.get(id);
      entries.delete(id);
      const { state, decision } = slidingWindowHit(existing, rule, now);
      entries.set(id, { ...state, expiresAt: state.start + 2 * rule.windowMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return decision;
    },
    async reset(key) {
      if (key === undefined) return entries.clear();
      for (const id of entries.keys()) {
        if (id.slice(id.indexOf(':') + 1) === key) entries.delete(id);
      }
    },
    async close() {
      clearInterval(timer);
      entries.clear();
    },
    mode: () => 'memory',
  };
}
