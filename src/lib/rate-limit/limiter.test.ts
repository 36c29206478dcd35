import { describe, expect, it, vi } from 'vitest';
import { createRateLimiter, DEFAULT_RULES, rulesFromEnv } from './limiter.ts';
import { createMemoryStore } from './memory-store.ts';
import type { RateLimitStore } from './types.ts';

function spyStore(): RateLimitStore {
  const inner = createMemoryStore();
  return { hit: vi.fn(inner.hit), reset: inner.reset, close: inner.close };
}

describe('rate limiter', () => {
  it('holds the spec limits by default', () => {
    expect(DEFAULT_RULES).toEqual({
      public: { name: 'public', limit: 100, windowMs: 60_000 },
      authenticated: { name: 'authenticated', limit: 1000, windowMs: 60_000 },
      webhook: { name: 'webhook', limit: 500, windowMs: 60_000 },
      upload: { name: 'upload', limit: 10, windowMs: 60_000 },
      sync: { name: 'sync', limit: 5, windowMs: 3_600_000 },
      signIn: { name: 'signIn', limit: 10, windowMs: 60_000 },
      signUp: { name: 'signUp', limit: 20, windowMs: 3_600_000 },
      passwordReset: { name: 'passwordReset', limit: 5, windowMs: 3_600_000 },
    });
  });

  it('takes the limits from the environment and keeps the windows', () => {
    const rules = rulesFromEnv({
      RATE_LIMIT_PUBLIC: 1,
      RATE_LIMIT_AUTHENTICATED: 2,
      RATE_LIMIT_WEBHOOK: 3,
      RATE_LIMIT_UPLOAD: 4,
      RATE_LIMIT_SYNC: 5,
      RATE_LIMIT_SIGN_IN: 6,
      RATE_LIMIT_SIGN_UP: 7,
      RATE_LIMIT_PASSWORD_RESET: 8,
    });
    expect(Object.values(rules).map((r) => r.limit)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rules.sync.windowMs).toBe(3_600_000);
    expect(rulesFromEnv({})).toEqual(DEFAULT_RULES);
  });

  it('enforces the named rule through the store', async () => {
    const store = spyStore();
    const limiter = createRateLimiter({
      store,
      rules: rulesFromEnv({ RATE_LIMIT_UPLOAD: 2 }),
      enabled: true,
    });
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await limiter.check('upload', 'user:1'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
    expect((await limiter.check('public', 'user:1')).allowed).toBe(true);
    await store.close();
  });

  it('admits everything without touching the store when disabled', async () => {
    const store = spyStore();
    const limiter = createRateLimiter({
      store,
      rules: rulesFromEnv({ RATE_LIMIT_UPLOAD: 1 }),
      enabled: false,
    });
    for (let i = 0; i < 5; i++) {
      expect(await limiter.check('upload', 'user:1')).toEqual({
        allowed: true,
        limit: 1,
        remaining: 1,
        resetMs: 60_000,
        windowMs: 60_000,
      });
    }
    expect(store.hit).not.toHaveBeenCalled();
    await store.close();
  });

  it('rejects unknown rule names and invalid rules', async () => {
    const store = spyStore();
    const limiter = createRateLimiter({ store, rules: DEFAULT_RULES, enabled: true });
    await expect(limiter.check('toString', 'ip:1')).rejects.toThrow(/unknown rate limit rule/);
    const bad = (rule: { name: string; limit: number; windowMs: number }) => () =>
      createRateLimiter({ store, rules: { rule }, enabled: true });
    expect(bad({ name: 'a:b', limit: 1, windowMs: 1 })).toThrow(/invalid name/);
    expect(bad({ name: 'a', limit: 0, windowMs: 1 })).toThrow(/limit/);
    expect(bad({ name: 'a', limit: 1.5, windowMs: 1 })).toThrow(/limit/);
    expect(bad({ name: 'a', limit: 1, windowMs: 0 })).toThrow(/windowMs/);
    await store.close();
  });
});
