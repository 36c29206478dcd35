import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { webhookJob } from './immersio-jobs.ts';
import {
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_RETRY_DELAYS_MS,
  WEBHOOK_TIMEOUT_MS,
  webhookBackoff,
  webhookIdFor,
} from './webhook-delivery.ts';
import { generateWebhookSecret, signWebhook, standardWebhooksKey } from './webhook-secret.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('outgoing webhook schedule and signatures', () => {
  it('retries immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up', () => {
    expect(WEBHOOK_RETRY_DELAYS_MS).toEqual([
      5_000,
      5 * MIN,
      30 * MIN,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      14 * HOUR,
      20 * HOUR,
      24 * HOUR,
    ]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(10);
    expect(webhookJob.maxAttempts).toBe(10);
    expect(Array.from({ length: 9 }, (_, i) => webhookBackoff(i + 1, () => 0.5))).toEqual(
      WEBHOOK_RETRY_DELAYS_MS,
    );
    // ±10 % jitter.
    expect(webhookBackoff(1, () => 0)).toBe(4_500);
    expect(webhookBackoff(1, () => 1)).toBe(5_500);
    expect(webhookBackoff(9, () => 0)).toBe(77_760_000);
    expect(webhookBackoff(9, () => 1)).toBe(95_040_000);
    for (let i = 0; i < 200; i++) {
      const d = webhookJob.backoff!(4);
      expect(d).toBeGreaterThanOrEqual(0.9 * 2 * HOUR);
      expect(d).toBeLessThanOrEqual(1.1 * 2 * HOUR);
    }
    expect(WEBHOOK_TIMEOUT_MS).toBe(15_000);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Tue, 01 Jan 2030 01:00:00 GMT', now)).toBe(HOUR);
    expect(parseRetryAfter('Mon, 31 Dec 2029 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('signs both ways: standardwebhooks verifies, and sha256= is HMAC(secret, "<ts>.<body>")', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(standardWebhooksKey(secret)).toHaveLength(32);
    const body = JSON.stringify({
      event: 'BOOKING_CREATED',
      timestamp: '2030-01-01T00:00:00.000Z',
      data: { n: 'ü' },
    });
    const ts = Math.floor(Date.now() / 1000);
    const headers = signWebhook({ secret, webhookId: webhookIdFor(42), timestampSeconds: ts, body });
    expect(headers['x-webhook-id']).toBe('msg_42');
    expect(headers['webhook-id']).toBe('msg_42');
    expect(headers['x-webhook-timestamp']).toBe(String(ts));
    expect(headers['webhook-timestamp']).toBe(String(ts));
    expect(headers['x-webhook-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
    );
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // A different secret, a changed body or a changed id fails.
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('ü', 'u'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_43' })).toThrow();
  });
});
