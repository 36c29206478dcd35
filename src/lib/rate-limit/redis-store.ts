import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimitRule, RateLimitStore } from './types.ts';

/**
 * slidingWindowHit (memory-store.ts) in Lua, so that reading, deciding and counting are one
 * atomic step on the server: instances behind a load balancer then share exactly one budget,
 * however their requests interleave. Without an injected `now` it reads the server's clock,
 * so skew between application hosts can't shift anyone's windows. Keys expire two windows
 * after their window began, the moment the state stops mattering.
 */
const HIT_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local s = redis.call('HMGET', KEYS[1], 's', 'p', 'c')
local start, previous, current = tonumber(s[1]), tonumber(s[2]) or 0, tonumber(s[3]) or 0
local dirty = false
if not start or now - start >= 2 * window then
  start, previous, current, dirty = now, 0, 0, true
elseif now - start >= window then
  start, previous, current, dirty = start + window, current, 0, true
end
local elapsed = math.max(0, now - start)
local weighted = math.ceil(previous * (window - elapsed) / window)
local allowed = 0
if weighted + current < limit then
  current, allowed, dirty = current + 1, 1, true
end
local remaining = math.max(0, limit - weighted - current)
local reset
if remaining > 0 or limit < 1 then
  reset = window - elapsed
elseif current < limit then
  reset = math.max(1, window - math.floor(window * (limit - 1 - current) / previous) - elapsed)
else
  reset = 2 * window - elapsed - math.floor(window * (limit - 1) / current)
end
if dirty then
  redis.call('HSET', KEYS[1], 's', string.format('%.0f', start), 'p', previous, 'c', current)
  redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.max(1, start + 2 * window - now)))
end
return {allowed, remaining, reset}
`;
const HIT_SHA = createHash('sha1').update(HIT_SCRIPT).digest('hex');

export interface RedisStoreOptions {
  /** Put in front of every key; the app passes its deployment prefix plus `rl:`. */
  prefix?: string;
  /**
   * Counts the hits while Redis is unreachable: this instance's own budget, so limits still hold
   * (per instance) instead of switching off.
   */
  fallback: RateLimitStore;
  /** Told when the store switches to the fallback (with the error) and back (with undefined). */
  onSwitch?: (error: unknown) => void;
  /** Past this a hit goes to the fallback: a sick Redis must not add its latency to every request. */
  timeoutMs?: number;
  /** Whether close() should also close the connection; the caller usually shares it. */
  ownsClient?: boolean;
}

/** Redis-backed counters, shared by every instance that uses the same server and prefix. */
export function createRedisStore(redis: Redis, options: RedisStoreOptions): RateLimitStore {
  const prefix = options.prefix ?? 'rl:';
  const timeoutMs = options.timeoutMs ?? 500;
  let local = false;
  const backOnRedis = () => {
    if (!local) return;
    local = false;
    options.onSwitch?.(undefined);
  };
  // Reconnected: the next hit goes to Redis again (a hit that still fails switches back).
  redis.on('ready', backOnRedis);
  const useFallback = (error: unknown, key: string, rule: RateLimitRule, now: number | undefined) => {
    if (!local) {
      local = true;
      options.onSwitch?.(error);
    }
    return options.fallback.hit(key, rule, now);
  };

  // EVALSHA keeps each hit to one short round trip; the script is only sent again after the
  // server lost it (restart, failover, SCRIPT FLUSH), which ioredis reports as NOSCRIPT.
  const run = async (key: string, args: string[]): Promise<unknown> => {
    try {
      return await redis.evalsha(HIT_SHA, 1, key, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return await redis.eval(HIT_SCRIPT, 1, key, ...args);
    }
  };

  return {
    async hit(key, rule: RateLimitRule, now) {
      const args = [
        String(rule.limit),
        String(rule.windowMs),
        now === undefined ? '' : String(Math.floor(now)),
      ];
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`rate limit store timed out after ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
        const reply = (await Promise.race([run(`${prefix}${rule.name}:${key}`, args), timeout])) as number[];
        const [allowed, remaining, resetMs] = reply.map(Number) as [number, number, number];
        backOnRedis();
        return { allowed: allowed === 1, limit: rule.limit, remaining, resetMs, windowMs: rule.windowMs };
      } catch (error) {
        // Fail safe, not open: an outage must not switch limits off (30 wrong passwords, unlimited
        // public reads). This instance's memory keeps a budget per instance until Redis is back;
        // the instance's counts start afresh then, which errs on the side of the client.
        return useFallback(error, key, rule, now);
      } finally {
        clearTimeout(timer);
      }
    },
    async reset(key) {
      await options.fallback.reset(key);
      const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        // Rule names have no ':', so whatever follows the first one is the caller's key.
        const doomed =
          key === undefined
            ? keys
            : keys.filter((k) => {
                const rest = k.slice(prefix.length);
                return rest.slice(rest.indexOf(':') + 1) === key;
              });
        if (doomed.length > 0) await redis.unlink(...doomed);
      } while (cursor !== '0');
    },
    async close() {
      await options.fallback.close();
      if (options.ownsClient) await redis.quit();
    },
    mode: () => (local || redis.status !== 'ready' ? 'local' : 'shared'),
  };
}
