/**
 * Signed webhooks as Immersio sends them: `sendWebhook` for one hand-made (or deliberately broken)
 * request, and the ordered queue that delivers the events the mutations emit.
 */
import { createHmac } from 'node:crypto';
import { randomId, unixSeconds } from './ids-and-times.ts';
import type { MutationOptions } from './org-types.ts';
import type { ImmersioSimulatorOptions } from './simulator.ts';

export type ImmersioWebhookEvent =
  | 'course.created'
  | 'course.updated'
  | 'course.deleted'
  | 'student.enrolled'
  | 'student.unenrolled'
  | 'student.updated';

export const IMMERSIO_WEBHOOK_EVENTS: readonly ImmersioWebhookEvent[] = [
  'course.created',
  'course.updated',
  'course.deleted',
  'student.enrolled',
  'student.unenrolled',
  'student.updated',
];

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface SendWebhookTarget extends WebhookTarget {
  orgId: string;
}

export interface WebhookPayload {
  event: string;
  data: unknown;
  /** ISO time of the event. */
  timestamp: string;
  webhookId: string;
}

export interface SendWebhookOptions {
  /** Default `wh_<random>`; pass an earlier one to replay. */
  webhookId?: string;
  /** Signing time: unix seconds or a Date (default now). The body's ISO `timestamp` follows it. */
  timestamp?: number | Date;
  /** Replaces the computed `X-Webhook-Signature` header value. */
  signature?: string;
  /** Applied to the raw body after signing (to send a tampered body with the original signature). */
  tamperBody?: (rawBody: string) => string;
  /** Headers to leave out. */
  omitHeaders?: Array<'signature' | 'timestamp' | 'org'>;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

export interface WebhookResult {
  webhookId: string;
  status: number;
  /** The receiver's answer, parsed as JSON when it is JSON, else the text. */
  body: unknown;
  headers: Record<string, string>;
  payload: WebhookPayload;
  /** Exactly the bytes that were sent. */
  rawBody: string;
  /** The headers that were sent. */
  requestHeaders: Record<string, string>;
}

/** A webhook emitted automatically by a mutation. */
export interface WebhookDelivery {
  webhookId: string;
  event: ImmersioWebhookEvent;
  orgId: string;
  url: string;
  payload: WebhookPayload;
  /** The receiver's status; null when the request itself failed. */
  status: number | null;
  ok: boolean;
  error?: string;
  responseBody?: unknown;
  at: Date;
}

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, the `X-Webhook-Signature` value. */
export function signImmersioWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** `fetch failed` says little: undici keeps the reason (ECONNREFUSED, …) in `cause`. */
function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause && typeof cause.code === 'string' ? `${message} (${cause.code})` : message;
}

export interface WebhookSenderSettings {
  now: () => Date;
  timeoutMs: number;
  /** Where mutations send their webhooks until `setWebhookTarget` changes it. */
  target: WebhookTarget | null;
  isClosed: () => boolean;
  options: Pick<ImmersioSimulatorOptions, 'onWebhook'>;
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

export function createWebhookSender(settings: WebhookSenderSettings) {
  const { now, options } = settings;
  const deliveries: WebhookDelivery[] = [];
  let globalTarget: WebhookTarget | null = settings.target;
  const orgTargets = new Map<string, WebhookTarget>();
  let webhookQueue: Promise<void> = Promise.resolve();

  async function sendWebhook(
    target: SendWebhookTarget,
    event: string,
    data: unknown,
    sendOptions: SendWebhookOptions = {},
  ): Promise<WebhookResult> {
    const webhookId = sendOptions.webhookId ?? randomId('wh');
    const at = sendOptions.timestamp ?? now();
    const seconds = unixSeconds(at);
    const payload: WebhookPayload = {
      event,
      data,
      timestamp: (typeof at === 'number' ? new Date(at * 1000) : at).toISOString(),
      webhookId,
    };
    const signedBody = JSON.stringify(payload);
    const signature = sendOptions.signature ?? signImmersioWebhook(target.secret, seconds, signedBody);
    const rawBody = sendOptions.tamperBody ? sendOptions.tamperBody(signedBody) : signedBody;
    const omit = new Set(sendOptions.omitHeaders ?? []);
    const requestHeaders: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Immersio-Webhooks/1.0 (simulator)',
      'x-webhook-id': webhookId,
    };
    if (!omit.has('signature')) requestHeaders['x-webhook-signature'] = signature;
    if (!omit.has('timestamp')) requestHeaders['x-webhook-timestamp'] = String(seconds);
    if (!omit.has('org')) requestHeaders['x-immersio-org-id'] = target.orgId;
    const response = await fetch(target.url, {
      method: 'POST',
      headers: requestHeaders,
      body: rawBody,
      redirect: 'manual',
      signal: AbortSignal.timeout(sendOptions.timeoutMs ?? settings.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return {
      webhookId,
      status: response.status,
      body,
      headers: headersOf(response.headers),
      payload,
      rawBody,
      requestHeaders,
    };
  }

  function emit(orgId: string, event: ImmersioWebhookEvent, data: unknown, mutation?: MutationOptions) {
    if (mutation?.webhook === false) return;
    const target = orgTargets.get(orgId) ?? globalTarget;
    if (!target) return;
    const webhookId = randomId('wh');
    webhookQueue = webhookQueue.then(async () => {
      if (settings.isClosed()) return;
      const at = new Date();
      let delivery: WebhookDelivery;
      try {
        const result = await sendWebhook({ ...target, orgId }, event, data, { webhookId });
        delivery = {
          webhookId,
          event,
          orgId,
          url: target.url,
          payload: result.payload,
          status: result.status,
          ok: result.status >= 200 && result.status < 300,
          responseBody: result.body,
          at,
        };
      } catch (error) {
        delivery = {
          webhookId,
          event,
          orgId,
          url: target.url,
          payload: { event, data, timestamp: at.toISOString(), webhookId },
          status: null,
          ok: false,
          error: describeError(error),
          at,
        };
      }
      deliveries.push(delivery);
      options.onWebhook?.(delivery);
    });
  }

  function webhooksSettled(): Promise<void> {
    let current = webhookQueue;
    // Deliveries may queue more work while we wait; settle until the queue stops moving.
    const loop = async (): Promise<void> => {
      await current;
      if (current !== webhookQueue) {
        current = webhookQueue;
        return loop();
      }
    };
    return loop();
  }

  function setWebhookTarget(target: WebhookTarget | null, orgId?: string) {
    if (orgId === undefined) globalTarget = target;
    else if (target) orgTargets.set(orgId, target);
    else orgTargets.delete(orgId);
  }

  return { deliveries, sendWebhook, emit, webhooksSettled, setWebhookTarget };
}
