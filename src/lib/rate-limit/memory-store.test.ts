import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from './memory-store.ts';
import type { RateLimitRule } from './types.ts';

const PUBLIC: RateLimitRule = { name: 'public', limit: 100, windowMs: 60_000 };
const T0 = 1_700_000_000_000;

let store: MemoryStore;
afterEach(async () => {
  await store.close();
});

async function burst(n: number, key: string, rule: RateLimitRule, now?: number) {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await store.hit(key, rule, now));
  return decisions;
}

describe('memory store', () => {
  it('allows exactly the limit in a burst and refuses the next, on the real clock', async () => {
    store = createMemoryStore();
    const decisions = await burst(101, 'ip:1', PUBLIC);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(decisions[100]!.allowed).toBe(false);
    expect(decisions[100]!.remaining).toBe(0);
  });

  it('counts remaining down to zero and reports the window end while budget is left', async () => {
    store = createMemoryStore();
    const decisions = await burst(100, 'ip:1', PUBLIC, T0);
    expect(decisions.map((d) => d.remaining)).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
    expect(decisions[0]).toEqual({
      allowed: true,
      limit: 100,
      remaining: 99,
      resetMs: 60_000,
      windowMs: 60_000,
    });
    expect((await store.hit('ip:1', PUBLIC, T0 + 15_000)).allowed).toBe(false);
  });

  it('reports in resetMs exactly when a refused client may retry', async () => {
    store = createMemoryStore();
    await burst(100, 'ip:1', PUBLIC, T0);
    const refused = await store.hit('ip:1', PUBLIC, T0 + 10_000);
    // Full window: it has to roll over (50 s) and then decay by one request (600 ms).
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetMs: 50_600 });
    expect((await store.hit('ip:1', PUBLIC, T0 + 10_000 + refused.resetMs - 1)).allowed).toBe(false);
    expect((await store.hit('ip:1', PUBLIC, T0 + 10_000 + refused.resetMs)).allowed).toBe(true);
  });

  it('weights the previous window as it slides out', async () => {
    store = createMemoryStore();
    await burst(100, 'ip:1', PUBLIC, T0);
    // Half-way through the next window half of the previous one still counts.
    const next = await burst(51, 'ip:1', PUBLIC, T0 + 90_000);
    expect(next.filter((d) => d.allowed)).toHaveLength(50);
    expect(next[49]).toMatchObject({ allowed: true, remaining: 0 });
    expect(next[50]!.resetMs).toBeGreaterThan(0);
    expect(next[50]!.resetMs).toBeLessThanOrEqual(60_000);
    // Two windows after that one began nothing is left and the budget is whole again.
    expect((await store.hit('ip:1', PUBLIC, T0 + 180_000)).remaining).toBe(99);
  });

  it('refuses the 101st of a burst straddling a window boundary', async () => {
    store = createMemoryStore();
    const first = await store.hit('ip:1', PUBLIC, T0);
    const before = await burst(59, 'ip:1', PUBLIC, T0 + 59_900);
    const after = await burst(41, 'ip:1', PUBLIC, T0 + 60_100);
    const all = [first, ...before, ...after];
    expect(all.filter((d) => d.allowed)).toHaveLength(100);
    expect(all[100]!.allowed).toBe(false);
  });

  it('does not let refused hits push the reopening out', async () => {
    store = createMemoryStore();
    await burst(100, 'ip:1', PUBLIC, T0);
    for (let t = T0 + 1_000; t < T0 + 60_600; t += 1_000) {
      expect((await store.hit('ip:1', PUBLIC, t)).allowed).toBe(false);
    }
    expect((await store.hit('ip:1', PUBLIC, T0 + 60_600)).allowed).toBe(true);
  });

  it('keeps separate budgets per key and per rule', async () => {
    store = createMemoryStore();
    const upload: RateLimitRule = { name: 'upload', limit: 1, windowMs: 60_000 };
    expect((await store.hit('ip:1', upload, T0)).allowed).toBe(true);
    expect((await store.hit('ip:1', upload, T0)).allowed).toBe(false);
    expect((await store.hit('ip:2', upload, T0)).allowed).toBe(true);
    expect((await store.hit('ip:1', PUBLIC, T0)).allowed).toBe(true);
  });

  it('caps memory by evicting the least recently hit key', async () => {
    store = createMemoryStore({ maxEntries: 3 });
    const one: RateLimitRule = { name: 'one', limit: 1, windowMs: 60_000 };
    for (const key of ['a', 'b', 'c', 'a', 'd']) await store.hit(key, one, T0);
    expect(store.size).toBe(3);
    // b was the stalest, so it starts over; a was hit again and is still spent.
    expect((await store.hit('b', one, T0)).allowed).toBe(true);
    expect((await store.hit('a', one, T0)).allowed).toBe(false);
  });

  it('sweeps keys whose windows are both over', async () => {
    let now = T0;
    store = createMemoryStore({ clock: () => now });
    await store.hit('ip:1', PUBLIC);
    await store.hit('ip:2', PUBLIC, T0 + 60_000);
    now = T0 + 120_000;
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
  });

  it('resets one key under every rule, or everything', async () => {
    store = createMemoryStore();
    const one: RateLimitRule = { name: 'one', limit: 1, windowMs: 60_000 };
    await store.hit('ip:1', one, T0);
    await store.hit('ip:1', PUBLIC, T0);
    await store.hit('x:ip:1', one, T0);
    await store.reset('ip:1');
    expect(store.size).toBe(1);
    expect((await store.hit('ip:1', one, T0)).allowed).toBe(true);
    await store.reset();
    expect(store.size).toBe(0);
  });
});
