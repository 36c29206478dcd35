import http from 'node:http';
import https from 'node:https';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import type { WebhookOutcome } from '../../lib/metrics/registry.ts';
import { createBatcher } from '../outbox/batcher.ts';
import type { DeliveryContext } from '../outbox/job-definition.ts';
import type { WebhookEnvelope } from '../outbox/webhook-event.ts';
import {
  disableEndpoint,
  findLiveIntegrations,
  type NewAttempt,
  recordAttempts,
} from './webhook-deliveries.repo.ts';
import { signWebhook, unsealWebhookSecret } from './webhook-secret.ts';
import { assertWebhookUrl, type HostLookup, pinnedLookup, WebhookUrlError } from './webhook-url.ts';

/**
 * Delivery of outgoing webhook events (spec section 3) to the tenant's Immersio webhook URL.
 * The events are written to the outbox (kind `webhook`, payload `{event, timestamp, data}`) in
 * the transaction that causes them; the outbox worker calls the handler below for each attempt
 * (`webhookJob` in immersio-jobs.ts gives the kind its schedule and attempts).
 */

/** Delay before attempt n+1 after attempt n failed: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const WEBHOOK_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000,
];
/** The first attempt right away plus one per delay; after the tenth the message is dead. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** A Retry-After beyond this is taken as this (a receiver cannot park a message for days). */
export const MAX_RETRY_AFTER_MS = 86_400_000;
// Only the status matters; a larger answer is cut off rather than read.
const MAX_RESPONSE_BYTES = 64 * 1024;

/** The webhook schedule with ±10 % jitter, so a receiver coming back is not hit by every retry at once. */
export function webhookBackoff(attempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(0, attempt - 1), WEBHOOK_RETRY_DELAYS_MS.length - 1);
  return Math.round(WEBHOOK_RETRY_DELAYS_MS[index]! * (0.9 + 0.2 * random()));
}

/** Stable per outbox message, so a receiver can drop the duplicates at-least-once delivery brings. */
export function webhookIdFor(outboxId: number): string {
  return `msg_${outboxId}`;
}

/** A failed attempt, as the outbox worker reads it: `retryAfterMs` replaces the backoff, `permanent` gives up. */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
  retryAfterMs?: number;
  permanent?: boolean;
  constructor(message: string, options: { retryAfterMs?: number | undefined; permanent?: boolean } = {}) {
    super(message);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.permanent) this.permanent = true;
  }
}

export interface WebhookDeliveryDeps {
  db: Database;
  logger: Logger;
  /** APP_SECRET: the integration's signing secret is sealed under it. */
  appSecret: string;
  /** ALLOW_PRIVATE_WEBHOOK_URLS. */
  allowPrivate: boolean;
  /** NODE_ENV=production: https only. */
  requireHttps: boolean;
  timeoutMs?: number;
  /** The signature timestamp's clock (the receiver checks it against its own). */
  now?: () => Date;
  lookup?: HostLookup;
  /** Each attempt's outcome (the metrics' webhook counter). */
  onOutcome?: (outcome: WebhookOutcome) => void;
}

/** Delivers one stored event, as `webhookJob`'s handler. */
export type WebhookDeliverer = (payload: WebhookEnvelope, ctx: DeliveryContext) => Promise<void>;

// Connections to receivers are kept open between deliveries: most tenants' receivers get bursts.
// An idle one is closed after 4 s, before common servers' keep-alive timeouts (Node's is 5 s), so
// we rarely write to a socket the receiver is closing; when we do, `post` retries once.
const agentOptions = { keepAlive: true, maxSockets: 64, timeout: 4000 };
const agents = {
  'http:': new http.Agent(agentOptions),
  'https:': new https.Agent(agentOptions),
};

export function createWebhookDelivery(deps: WebhookDeliveryDeps): WebhookDeliverer {
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'webhooks' });
  // Deliveries running together share their integration lookup and their attempt insert: under
  // load one query each per group instead of per message. Each lookup starts after the calls it
  // answers, so a rotated secret or a new URL is seen by every attempt that starts after it.
  const endpointOf = createBatcher(async (tenantIds: number[]) => {
    const found = await findLiveIntegrations(deps.db, tenantIds);
    return tenantIds.map((id) => found.get(id));
  });
  const recordAttempt = createBatcher(async (attempts: NewAttempt[]) => {
    await recordAttempts(deps.db, attempts);
    return attempts.map(() => undefined);
  });

  // The envelope was checked by `webhookJob`'s schema: one without an event never gets here.
  const deliver = async (
    payload: WebhookEnvelope,
    ctx: DeliveryContext,
  ): Promise<Exclude<WebhookOutcome, 'failed'>> => {
    const { event } = payload;
    const fields = { outboxId: ctx.id, tenantId: ctx.tenantId, event, attempt: ctx.attempt };
    if (ctx.tenantId === null) {
      logger.debug(fields, 'webhook: no tenant, nothing to send');
      return 'skipped';
    }
    const endpoint = await endpointOf(ctx.tenantId);
    if (!endpoint?.webhookUrl || endpoint.webhookDisabledAt) {
      const why = !endpoint ? 'not connected' : !endpoint.webhookUrl ? 'no webhook URL' : 'endpoint disabled';
      logger.debug({ ...fields, why }, 'webhook: no active endpoint, nothing to send');
      return 'skipped';
    }
    const url = endpoint.webhookUrl;
    const webhookId = webhookIdFor(ctx.id);
    const record = async (result: {
      statusCode: number | null;
      error: string | null;
      durationMs: number | null;
    }) => {
      try {
        await recordAttempt({
          tenantId: ctx.tenantId!,
          outboxId: ctx.id,
          webhookId,
          event,
          url,
          attempt: ctx.attempt,
          ...result,
        });
      } catch (error) {
        // The outcome still counts; only the history line is missing.
        logger.warn({ ...fields, err: error }, 'webhook: could not record the attempt');
      }
    };

    if (!endpoint.webhookSecretSealed) {
      await record({ statusCode: null, error: 'no signing secret', durationMs: null });
      throw new WebhookDeliveryError('the integration has no webhook signing secret');
    }

    // The URL is checked again now: what it resolves to may have changed since it was saved.
    let target: Awaited<ReturnType<typeof assertWebhookUrl>>;
    try {
      target = await assertWebhookUrl(url, {
        allowPrivate: deps.allowPrivate,
        requireHttps: deps.requireHttps,
        ...(deps.lookup && { lookup: deps.lookup }),
      });
    } catch (error) {
      const reason = error instanceof WebhookUrlError ? error.reason : 'invalid';
      const message = error instanceof Error ? error.message : String(error);
      await record({ statusCode: null, error: `refused: ${message}`, durationMs: null });
      // A host that does not resolve may again; a URL that is refused stays refused.
      throw new WebhookDeliveryError(`refused: ${message}`, { permanent: reason !== 'unresolvable' });
    }

    let secret: string;
    try {
      secret = unsealWebhookSecret(deps.appSecret, endpoint.webhookSecretSealed);
    } catch {
      // Sealed under another APP_SECRET (or damaged): rotating the secret repairs it.
      await record({ statusCode: null, error: 'signing secret unreadable', durationMs: null });
      throw new WebhookDeliveryError('the webhook signing secret cannot be unsealed (APP_SECRET changed?)');
    }
    // The spec's order at the top (jsonb keeps keys in its own order); the signatures cover
    // exactly these bytes, the same on every attempt.
    const { event: _e, timestamp, data, ...rest } = payload;
    const body = JSON.stringify({ event, timestamp, data, ...rest });
    const headers = signWebhook({
      secret,
      webhookId,
      timestampSeconds: Math.floor(now().getTime() / 1000),
      body,
    });
    const started = performance.now();
    let response: PostResult;
    try {
      response = await post(target.url, body, headers, {
        timeoutMs,
        ...(target.addresses.length > 0 && { lookup: pinnedLookup(target.addresses) }),
      });
    } catch (error) {
      const message = describeNetworkError(error);
      await record({ statusCode: null, error: message, durationMs: Math.round(performance.now() - started) });
      throw new WebhookDeliveryError(message);
    }
    const durationMs = Math.round(performance.now() - started);
    const { status } = response;

    if (status >= 200 && status < 300) {
      await record({ statusCode: status, error: null, durationMs });
      return 'delivered';
    }
    if (status === 410) {
      await record({ statusCode: status, error: 'gone: endpoint disabled', durationMs });
      const disabled = await disableEndpoint(deps.db, {
        integrationId: endpoint.integrationId,
        url,
        now: new Date(),
      });
      logger.warn(
        { ...fields, disabled },
        'webhook: receiver answered 410 Gone; no more deliveries until the webhook URL is set again',
      );
      return 'gone';
    }
    const error =
      status >= 300 && status < 400
        ? `HTTP ${status}: redirects are not followed${response.location ? ` (to ${response.location.slice(0, 200)})` : ''}`
        : `HTTP ${status}`;
    await record({ statusCode: status, error, durationMs });
    throw new WebhookDeliveryError(error, { retryAfterMs: parseRetryAfter(response.retryAfter, Date.now()) });
  };
  const { onOutcome } = deps;
  return async (payload, ctx) => {
    if (!onOutcome) {
      await deliver(payload, ctx);
      return;
    }
    try {
      onOutcome(await deliver(payload, ctx));
    } catch (error) {
      onOutcome('failed');
      throw error;
    }
  };
}

/** Retry-After as seconds or an HTTP date, in ms from `nowMs`, capped at a day; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP date names its day and month; Date.parse alone would take "-5" for a year.
    if (!/[a-z]{3}/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - nowMs);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

interface PostResult {
  status: number;
  retryAfter: string | undefined;
  location: string | undefined;
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * One POST with node:http: it never follows redirects, lets the connection be pinned to the
 * checked addresses, and keeps connections alive. Resolves when the status line arrives; the
 * body is drained in the background (capped), all within `timeoutMs` from the start. A kept-alive
 * connection the receiver closed just as we reused it is retried once on a new connection.
 */
async function post(
  url: URL,
  body: string,
  signed: Record<string, string>,
  options: { timeoutMs: number; lookup?: ReturnType<typeof pinnedLookup> },
): Promise<PostResult> {
  const deadline = performance.now() + options.timeoutMs;
  try {
    return await postOnce(url, body, signed, { ...options, deadline });
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return postOnce(url, body, signed, { ...options, deadline, fresh: true });
  }
}

class StaleSocketError extends Error {
  override name = 'StaleSocketError';
}

function postOnce(
  url: URL,
  body: string,
  signed: Record<string, string>,
  options: {
    timeoutMs: number;
    deadline: number;
    fresh?: boolean;
    lookup?: ReturnType<typeof pinnedLookup>;
  },
): Promise<PostResult> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        // The retry after a stale socket goes out on a connection of its own.
        agent: options.fresh ? false : agents[url.protocol as 'http:' | 'https:'],
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'immersio-booking-webhooks/1',
          ...signed,
        },
        ...(options.lookup && { lookup: options.lookup as never }),
      },
      (response) => {
        const header = (name: string) => {
          const v = response.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('end', () => clearTimeout(timer));
        response.on('close', () => clearTimeout(timer));
        response.on('error', () => {});
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: header('retry-after'),
          location: header('location'),
        });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new TimeoutError(`timed out after ${options.timeoutMs} ms`)),
      Math.max(0, options.deadline - performance.now()),
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      const code = (error as NodeJS.ErrnoException).code;
      const stale = request.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
      reject(stale ? new StaleSocketError(error.message) : error);
    });
    request.end(body);
  });
}

function describeNetworkError(error: unknown): string {
  if (error instanceof TimeoutError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
