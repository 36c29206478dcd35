import { describe, expect, it } from 'vitest';
import { createState, readState, resolveRedirectUrl, STATE_TTL_MS } from './sso-state.ts';

const secret = 's'.repeat(40);
const now = new Date('2030-01-01T12:00:00Z');

describe('SSO state', () => {
  it('round-trips tenant, redirect and nonce; expires after 10 minutes', () => {
    const { state, nonce, expiresAt } = createState(
      secret,
      { tenantId: 7, redirectUrl: 'http://x.test/a' },
      now,
    );
    expect(expiresAt.getTime() - now.getTime()).toBe(STATE_TTL_MS);
    expect(readState(secret, state, now)).toEqual({
      ok: true,
      state: { tenantId: 7, redirectUrl: 'http://x.test/a', nonce, expiresAt },
    });
    expect(readState(secret, state, new Date(expiresAt.getTime() - 1)).ok).toBe(true);
    expect(readState(secret, state, expiresAt)).toEqual({ ok: false, reason: 'state expired' });
  });

  it('a fresh nonce every time', () => {
    const a = createState(secret, { tenantId: 1, redirectUrl: '/' }, now);
    const b = createState(secret, { tenantId: 1, redirectUrl: '/' }, now);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.state).not.toBe(b.state);
  });

  it('refuses another secret, a changed payload, a changed MAC and garbage', () => {
    const { state } = createState(secret, { tenantId: 7, redirectUrl: 'http://x.test/a' }, now);
    expect(readState('t'.repeat(40), state, now).ok).toBe(false);
    const [v, payload, mac] = state.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...decoded, t: 8 })).toString('base64url');
    expect(readState(secret, `${v}.${forged}.${mac}`, now)).toEqual({
      ok: false,
      reason: 'state signature mismatch',
    });
    expect(readState(secret, `${v}.${payload}.${mac.slice(0, -2)}AA`, now).ok).toBe(false);
    expect(readState(secret, `v2.${payload}.${mac}`, now).ok).toBe(false);
    expect(readState(secret, `${state}.extra`, now).ok).toBe(false);
    expect(readState(secret, '', now).ok).toBe(false);
    expect(readState(secret, 'x'.repeat(5000), now).ok).toBe(false);
  });
});

describe('resolveRedirectUrl', () => {
  const env = { PUBLIC_BASE_URL: 'https://app.example.com', BOOKING_DOMAIN: 'booking.example.com' };

  it.each([
    ['/dashboard?x=1', 'https://app.example.com/dashboard?x=1'],
    ['dashboard', 'https://app.example.com/dashboard'],
    ['https://app.example.com/a#b', 'https://app.example.com/a#b'],
    ['https://APP.example.com:443/a', 'https://app.example.com/a'],
    ['https://school.booking.example.com/classes', 'https://school.booking.example.com/classes'],
    ['https://SCHOOL.booking.example.com', 'https://school.booking.example.com/'],
  ])('accepts %s', (input, expected) => {
    expect(resolveRedirectUrl(env, 'school', input)).toBe(expected);
  });

  it.each([
    'https://evil.test',
    '//evil.test',
    '/\\evil.test',
    '\\\\evil.test',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://school.booking.example.com/',
    'https://other.booking.example.com/',
    'https://booking.example.com/',
    'https://school.booking.example.com.evil.test/',
    'https://app.example.com@evil.test/',
    'https://user:pass@app.example.com/',
    'http://app.example.com/',
    'https://app.example.com:8443/',
    ' https://evil.test',
    '/\t/evil.test',
    'https://app.example.com/\n',
    '',
    `/${'a'.repeat(3000)}`,
  ])('refuses %s', (input) => {
    expect(resolveRedirectUrl(env, 'school', input)).toBeNull();
  });

  it('without BOOKING_DOMAIN only the service itself', () => {
    const plain = { PUBLIC_BASE_URL: 'http://localhost:3000', BOOKING_DOMAIN: undefined };
    expect(resolveRedirectUrl(plain, 'school', '/school')).toBe('http://localhost:3000/school');
    expect(resolveRedirectUrl(plain, 'school', 'https://school.undefined/')).toBeNull();
  });
});
