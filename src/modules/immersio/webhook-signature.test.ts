import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature.ts';

const body = Buffer.from('{"event":"course.updated"}');
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('is sha256= and the hex HMAC of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', 'secret-1').update(`${now}.${body}`).digest('hex');
    expect(webhookSignature('secret-1', String(now), body)).toBe(`sha256=${expected}`);
  });

  it('accepts any configured secret within ±300 s and refuses the rest', () => {
    const signature = webhookSignature('new-secret', String(now), body);
    const check = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({
        secrets: ['old-secret', 'new-secret'],
        signature,
        timestamp: String(now),
        body,
        nowSeconds: now,
        ...over,
      });
    expect(check({})).toBe('ok');
    expect(check({ nowSeconds: now + 300 })).toBe('ok');
    expect(check({ nowSeconds: now - 300 })).toBe('ok');
    expect(check({ nowSeconds: now + 301 })).toBe('stale');
    expect(check({ nowSeconds: now - 301 })).toBe('stale');
    expect(check({ secrets: ['old-secret'] })).toBe('mismatch');
    expect(check({ secrets: [] })).toBe('missing');
    expect(check({ body: Buffer.from('{"event":"course.deleted"}') })).toBe('mismatch');
    expect(check({ signature: undefined })).toBe('missing');
    expect(check({ timestamp: 'yesterday' })).toBe('stale');
    expect(check({ signature: signature.toUpperCase() })).toBe('mismatch');
  });
});
