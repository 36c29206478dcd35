import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startTestApp, type TestApp, trpcError } from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';

describe('rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: { RATE_LIMIT_PUBLIC: '100', RATE_LIMIT_AUTHENTICATED: '20', RATE_LIMIT_SIGN_IN: '10' },
    });
  });
  afterAll(() => app?.close());

  it('the 101st public request within a minute gets 429 RATE_LIMITED with Retry-After and RateLimit headers', async () => {
    const url = `${app.baseUrl}/api/v1/invites/${'A'.repeat(43)}`;
    for (let i = 0; i < 100; i++) {
      const response = await fetch(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('ratelimit-remaining')).toBe(String(99 - i));
    }
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: 'Too many requests', code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-limit')).toBe('100');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('authenticated calls are limited per user (tunable by env)', async () => {
    const t = await createTenant(app);
    for (let i = 0; i < 20; i++) await t.owner.client.immersio.tenant.get.query({});
    const error = await trpcError(t.owner.client.immersio.tenant.get.query({}));
    expect(error).toMatchObject({ appCode: 'RATE_LIMITED', httpStatus: 429 });
    const other = await createTenant(app);
    await expect(other.owner.client.immersio.tenant.get.query({})).resolves.toMatchObject({
      id: other.tenantId,
    });
  });

  it('sign-in attempts are limited', async () => {
    const attempt = () =>
      fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
      });
    const statuses: number[] = [];
    // Earlier sign-ins of this file (createTenant) used part of the budget.
    for (let i = 0; i < 12; i++) statuses.push((await attempt()).status);
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe.skipIf(!process.env.REDIS_URL)('rate limits shared through Redis', () => {
  it('two instances share one budget', async () => {
    const database = await createTestDatabase();
    const redisPrefix = `ibs-test-shared-${process.pid}-${Date.now()}:`;
    const a = await startTestApp({ database, redisPrefix, env: { RATE_LIMIT_PUBLIC: '30' } });
    const b = await startTestApp({ database, redisPrefix, env: { RATE_LIMIT_PUBLIC: '30' } });
    try {
      const url = (base: string) => `${base}/api/v1/invites/${'B'.repeat(43)}`;
      for (let i = 0; i < 18; i++) expect((await fetch(url(a.baseUrl))).status).toBe(404);
      for (let i = 0; i < 12; i++) expect((await fetch(url(b.baseUrl))).status).toBe(404);
      expect((await fetch(url(b.baseUrl))).status).toBe(429);
      expect((await fetch(url(a.baseUrl))).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
      await database.close();
    }
  });
});
