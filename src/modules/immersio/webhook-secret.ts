import { createHmac, randomBytes } from 'node:crypto';
import { seal, unseal } from '../../lib/sealed.ts';
import { webhookSignature } from './webhook-signature.ts';

/** The `purpose` the integration's webhook secret is sealed under (src/lib/sealed.ts). */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

const PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/**
 * A new signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes.
 * `new Webhook(secret)` from the `standardwebhooks` package accepts it as is (it strips the
 * prefix and base64-decodes the rest into the HMAC key).
 */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

export function sealWebhookSecret(appSecret: string, secret: string): string {
  return seal(appSecret, WEBHOOK_SECRET_PURPOSE, secret);
}

// Unsealing derives a key with HKDF on every call; a delivery burst reads the same few values.
const unsealed = new Map<string, string>();

export function unsealWebhookSecret(appSecret: string, sealed: string): string {
  const key = `${sealed}\u0000${appSecret}`;
  const hit = unsealed.get(key);
  if (hit !== undefined) return hit;
  const secret = unseal(appSecret, WEBHOOK_SECRET_PURPOSE, sealed);
  if (unsealed.size >= 1000) unsealed.clear();
  unsealed.set(key, secret);
  return secret;
}

/** The HMAC key Standard Webhooks uses: the base64 part of `whsec_…`, decoded. */
export function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}

export type SignedHeaders = Record<
  | 'x-webhook-id'
  | 'x-webhook-timestamp'
  | 'x-webhook-signature'
  | 'webhook-id'
  | 'webhook-timestamp'
  | 'webhook-signature',
  string
>;

/**
 * Both signature schemes over the exact body sent:
 * - ours (the one incoming Immersio webhooks use): `X-Webhook-Signature: sha256=<hex
 *   HMAC-SHA256(secret, "<timestamp>.<body>")>`, keyed with the whole secret string as UTF-8;
 * - Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`,
 *   keyed with the decoded secret (`standardWebhooksKey`).
 */
export function signWebhook(input: {
  secret: string;
  webhookId: string;
  timestampSeconds: number;
  body: string;
}): SignedHeaders {
  const timestamp = String(input.timestampSeconds);
  const standard = createHmac('sha256', standardWebhooksKey(input.secret))
    .update(`${input.webhookId}.${timestamp}.${input.body}`)
    .digest('base64');
  return {
    'x-webhook-id': input.webhookId,
    'x-webhook-timestamp': timestamp,
    'x-webhook-signature': webhookSignature(input.secret, timestamp, input.body),
    'webhook-id': input.webhookId,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${standard}`,
  };
}
