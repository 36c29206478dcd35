import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { RateLimitRule, RateLimitStore } from './types.ts';

const REDIS_URL = process.env.REDIS_URL;
const PUBLIC: RateLimitRule = { name: 'public', limit: 100, windowMs: 60_000 };
const T0 = 1_700_000_000_000;

/** A client that can never connect; errors are expected, so they are swallowed. */
function deadClient(options: { queue: boolean }): Redis {
  const client = new Redis({
    host: '127.0.0.1',
    port: 1,
    lazyConnect: true,
    enableOfflineQueue: options.queue,
    maxRetriesPerRequest: options.queue ? null : 0,
    retryStrategy: () => (options.queue ? 50 : null),
  });
  client.on('error', () => {});
  return client;
}

describe.skipIf(!REDIS_URL)('redis store', () => {
  let prefix: string;
  let clientA: Redis;
  let clientB: Redis;
  // Two connections, two stores: two app instances behind a load balancer.
  let instanceA: RateLimitStore;
  let instanceB: RateLimitStore;

  beforeEach(() => {
    prefix = `test:rl:${randomUUID()}:`;
    clientA = new Redis(REDIS_URL!);
    clientB = new Redis(REDIS_URL!);
    instanceA = createRedisStore(clientA, { prefix, fallback: createMemoryStore() });
    instanceB = createRedisStore(clientB, { prefix, fallback: createMemoryStore() });
  });

  afterEach(async () => {
    await instanceA.reset();
    expect(await clientA.keys(`${prefix}*`)).toEqual([]);
    await instanceA.close();
    await instanceB.close();
    await clientA.quit();
    await clientB.quit();
  });

  it('allows exactly the limit in a burst and refuses the next, on the server clock', async () => {
    const decisions = [];
    for (let i = 0; i < 101; i++) decisions.push(await instanceA.hit('ip:1', PUBLIC));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(decisions[99]).toMatchObject({ allowed: true, remaining: 0 });
    expect(decisions[100]).toMatchObject({ allowed: false, remaining: 0, limit: 100, windowMs: 60_000 });
    expect(decisions[100]!.resetMs).toBeGreaterThan(60_000);
    expect(decisions[100]!.resetMs).toBeLessThanOrEqual(60_600);
  });

  it('shares one budget between instances: 60 on A and 41 on B, the 101st is refused', async () => {
    for (let i = 0; i < 60; i++) expect((await instanceA.hit('ip:1', PUBLIC)).allowed).toBe(true);
    const onB = [];
    for (let i = 0; i < 41; i++) onB.push(await instanceB.hit('ip:1', PUBLIC));
    expect(onB.slice(0, 40).every((d) => d.allowed)).toBe(true);
    expect(onB[40]!.allowed).toBe(false);
  });

  it('admits exactly the limit out of 150 concurrent hits from two instances', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 150 }, (_, i) => (i % 2 ? instanceA : instanceB).hit('ip:1', PUBLIC)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(new Set(decisions.filter((d) => d.allowed).map((d) => d.remaining)).size).toBe(100);
  });

  it('decides exactly as the memory store does, step by step', async () => {
    const memory = createMemoryStore();
    const rule: RateLimitRule = { name: 'tiny', limit: 5, windowMs: 1_000 };
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let now = T0;
    for (let i = 0; i < 400; i++) {
      now += Math.floor(random() * (random() < 0.9 ? 120 : 2_500));
      const key = random() < 0.8 ? 'a' : 'b';
      const expected = await memory.hit(key, rule, now);
      expect(await instanceA.hit(key, rule, now), `step ${i}`).toEqual(expected);
    }
    await memory.close();
  });

  it('lets keys expire two windows after their window began, and refusals do not extend that', async () => {
    const rule: RateLimitRule = { name: 'one', limit: 1, windowMs: 10_000 };
    await instanceA.hit('ip:1', rule);
    const key = `${prefix}one:ip:1`;
    const ttl = await clientA.pttl(key);
    expect(ttl).toBeGreaterThan(19_000);
    expect(ttl).toBeLessThanOrEqual(20_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await instanceA.hit('ip:1', rule)).allowed).toBe(false);
    expect(await clientA.pttl(key)).toBeLessThan(ttl);
  });

  it('resets one key under every rule', async () => {
    const one: RateLimitRule = { name: 'one', limit: 1, windowMs: 60_000 };
    await instanceA.hit('ip:1', one);
    await instanceA.hit('ip:1', PUBLIC);
    await instanceA.hit('x:ip:1', one);
    await instanceB.reset('ip:1');
    expect(await clientA.keys(`${prefix}*`)).toEqual([`${prefix}one:x:ip:1`]);
    expect((await instanceA.hit('ip:1', one)).allowed).toBe(true);
  });

  it('sends the script again when the server has lost it', async () => {
    const forgetful = new Proxy(clientA, {
      get(target, property, receiver) {
        if (property === 'evalsha')
          return () => Promise.reject(new Error('NOSCRIPT No matching script. Please use EVAL.'));
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = createRedisStore(forgetful, { prefix, fallback: createMemoryStore() });
    expect(await store.hit('ip:1', PUBLIC)).toMatchObject({ allowed: true, remaining: 99 });
    expect(await instanceA.hit('ip:1', PUBLIC)).toMatchObject({ allowed: true, remaining: 98 });
  });

  it('closes the connection only when it owns it', async () => {
    const client = new Redis(REDIS_URL!);
    await createRedisStore(client, { prefix, fallback: createMemoryStore() }).close();
    expect(await client.ping()).toBe('PONG');
    await createRedisStore(client, { prefix, ownsClient: true, fallback: createMemoryStore() }).close();
    await expect(client.ping()).rejects.toThrow(/closed/);
  });
});

describe('redis store when Redis is unreachable', () => {
  it('counts in this instance’s memory at once, reporting the switch once', async () => {
    const client = deadClient({ queue: false });
    const switches: unknown[] = [];
    const store = createRedisStore(client, {
      fallback: createMemoryStore(),
      onSwitch: (error) => switches.push(error),
    });
    const started = Date.now();
    const decisions = [];
    for (let i = 0; i < 101; i++) decisions.push(await store.hit('ip:1', PUBLIC));
    expect(Date.now() - started).toBeLessThan(1_000);
    // Fail safe: the limit still holds, per instance.
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(decisions[100]).toMatchObject({ allowed: false, remaining: 0 });
    expect(switches).toHaveLength(1);
    expect(store.mode?.()).toBe('local');
    client.disconnect();
  });

  it('falls back after timeoutMs when a connected Redis does not answer', async () => {
    const client = deadClient({ queue: false });
    // Connected as far as the client knows, but the script never comes back.
    const stuck = new Proxy(client, {
      get(target, property, receiver) {
        if (property === 'status') return 'ready';
        if (property === 'evalsha') return () => new Promise(() => {});
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const switches: unknown[] = [];
    const store = createRedisStore(stuck, {
      timeoutMs: 100,
      fallback: createMemoryStore(),
      onSwitch: (e) => switches.push(e),
    });
    const started = Date.now();
    const decisions = await Promise.all([store.hit('ip:1', PUBLIC), store.hit('ip:1', PUBLIC)]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(decisions.map((d) => d.remaining).sort()).toEqual([98, 99]);
    expect(switches).toHaveLength(1);
    expect(String(switches[0])).toMatch(/timed out/);
    client.disconnect();
  });
});
