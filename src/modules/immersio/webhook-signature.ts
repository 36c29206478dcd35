import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far X-Webhook-Timestamp may be from our clock, either way. */
export const TIMESTAMP_TOLERANCE_S = 300;

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`: the scheme both directions use. */
export function webhookSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

/**
 * Checks a signed request against every configured secret (several during a rotation), in
 * constant time per comparison, and the timestamp against the window.
 */
export function verifyWebhookSignature(input: {
  secrets: readonly string[];
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  nowSeconds: number;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || input.secrets.length === 0) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'stale';
  if (Math.abs(input.nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_S) return 'stale';
  const given = Buffer.from(signature);
  let matched = false;
  for (const secret of input.secrets) {
    const expected = Buffer.from(webhookSignature(secret, timestamp, input.body));
    // Every secret is compared (no early exit), so timing does not tell which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched ? 'ok' : 'mismatch';
}
