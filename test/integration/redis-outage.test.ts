import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startTestApp, type TestApp, trpcClient } from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';
import { startFlakyRedis } from '../support/flaky-redis.ts';

const REDIS_URL = process.env.REDIS_URL;

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ready = async (app: TestApp) => {
  const response = await fetch(`${app.baseUrl}/api/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

const wrongPassword = (app: TestApp) =>
  fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
  });

// Two instances on one database, their Redis behind a proxy the test cuts and restores.
describe.skipIf(!REDIS_URL)('when Redis goes away and comes back', () => {
  let redis: Awaited<ReturnType<typeof startFlakyRedis>>;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startFlakyRedis(REDIS_URL!);
    const database = await createTestDatabase();
    const env = { REDIS_URL: redis.url, RATE_LIMIT_SIGN_IN: '10', RATE_LIMIT_PUBLIC: '1000' };
    const redisPrefix = `ibs-test-outage-${randomUUID()}:`;
    a = await startTestApp({ database, redisPrefix, env });
    b = await startTestApp({ database, redisPrefix, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await b?.database.close();
    await redis?.close();
  });

  it('limits from memory, stops caching sessions and says so; shares again once it is back', async () => {
    expect(
      await waitFor(
        () => ready(a),
        (r) => r.body.status === 'ready',
      ),
    ).toMatchObject({
      status: 200,
      body: { status: 'ready', redis: 'ok', rateLimits: 'shared', sessionCache: 'on' },
    });
    const school = await createTenant(a);
    // Cached on instance A while the bus works.
    await trpcClient(a.baseUrl, school.owner.token).viewer.me.query();

    redis.cut();
    const degraded = await waitFor(
      () => ready(a),
      (r) => r.body.status === 'degraded',
    );
    expect(degraded).toEqual({
      status: 200,
      body: {
        status: 'degraded',
        database: a.database.kind,
        redis: 'unreachable',
        rateLimits: 'per-instance',
        sessionCache: 'off',
      },
    });

    // Thirty wrong passwords from one address: refused after this instance's ten.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await wrongPassword(a)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);

    // B keeps its own budget meanwhile.
    await waitFor(
      () => ready(b),
      (r) => r.body.status === 'degraded',
    );
    const onB: number[] = [];
    for (let i = 0; i < 11; i++) onB.push((await wrongPassword(b)).status);
    expect(onB.at(-2)).toBe(401);
    expect(onB.at(-1)).toBe(429);

    // A sign-out on B cannot be announced to A, and A no longer trusts its cache.
    const signOut = await fetch(`${b.baseUrl}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${school.owner.token}` },
    });
    expect(signOut.status).toBe(200);
    await expect(trpcClient(a.baseUrl, school.owner.token).viewer.me.query()).rejects.toMatchObject({
      data: { httpStatus: 401 },
    });

    redis.restore();
    expect(
      await waitFor(
        () => ready(a),
        (r) => r.body.status === 'ready',
      ),
    ).toMatchObject({
      body: { status: 'ready', redis: 'ok', rateLimits: 'shared', sessionCache: 'on' },
    });
    await waitFor(
      () => ready(b),
      (r) => r.body.status === 'ready',
    );
    // Both used up their own budgets; Redis' shared one (one sign-in spent) counts again.
    const shared: number[] = [];
    for (let i = 0; i < 10; i++) shared.push((await wrongPassword(i % 2 ? a : b)).status);
    expect(shared).toEqual([...Array(9).fill(401), 429]);
  });
});
