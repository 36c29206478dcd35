import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from './headers.ts';

describe('rate limit headers', () => {
  it('states limit, remaining, reset and policy on an allowed request', () => {
    expect(
      rateLimitHeaders({ allowed: true, limit: 100, remaining: 42, resetMs: 30_001, windowMs: 60_000 }),
    ).toEqual({
      'RateLimit-Limit': '100',
      'RateLimit-Remaining': '42',
      'RateLimit-Reset': '31',
      'RateLimit-Policy': '100;w=60',
    });
  });

  it('adds Retry-After, rounded up, on a refusal', () => {
    const headers = rateLimitHeaders({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetMs: 1_800_001,
      windowMs: 3_600_000,
    });
    expect(headers).toMatchObject({
      'RateLimit-Reset': '1801',
      'Retry-After': '1801',
      'RateLimit-Policy': '5;w=3600',
    });
  });

  it('never says Retry-After: 0', () => {
    for (const resetMs of [0, 1, 999]) {
      const headers = rateLimitHeaders({ allowed: false, limit: 5, remaining: 0, resetMs, windowMs: 60_000 });
      expect(headers['Retry-After']).toBe('1');
    }
  });
});
