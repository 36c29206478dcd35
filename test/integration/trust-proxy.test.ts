import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/env.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

// Behind Caddy every request comes from the proxy's address: rate limits must key on the client
// address the proxy forwards, and only when the request really comes from a trusted proxy.

describe('TRUST_PROXY', () => {
  it('takes true/false words, or addresses, CIDRs and range names, and names a bad entry', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: ' 10.0.0.0/8, loopback,::1 ' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/8,caddy' })).toThrow(/TRUST_PROXY: "caddy"/);
  });
});

async function publicStatus(app: TestApp, forwardedFor: string): Promise<number> {
  const response = await fetch(`${app.baseUrl}/api/v1/invites/${'A'.repeat(43)}`, {
    headers: { 'x-forwarded-for': forwardedFor },
  });
  await response.body?.cancel();
  return response.status;
}

describe('rate limits behind a trusted proxy', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: 'loopback', RATE_LIMIT_PUBLIC: '3' } });
  });
  afterAll(() => app?.close());

  it('count per forwarded client address, not per proxy', async () => {
    for (let i = 0; i < 3; i++) expect(await publicStatus(app, '203.0.113.7')).toBe(404);
    expect(await publicStatus(app, '203.0.113.7')).toBe(429);
    // Another client through the same proxy keeps its own budget.
    expect(await publicStatus(app, '203.0.113.8')).toBe(404);
  });
});

describe('rate limits when the peer is not a trusted proxy', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: '192.0.2.1', RATE_LIMIT_PUBLIC: '3' } });
  });
  afterAll(() => app?.close());

  it('ignore X-Forwarded-For, so a client cannot reset its budget by forging it', async () => {
    for (let i = 0; i < 3; i++) expect(await publicStatus(app, `198.51.100.${i}`)).toBe(404);
    expect(await publicStatus(app, '198.51.100.99')).toBe(429);
  });
});
