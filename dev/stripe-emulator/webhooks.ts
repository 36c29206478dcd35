import Stripe from 'stripe';
import type { DeliveryResult } from './emulator-types.ts';
import { ids } from './ids.ts';
import { clone, type EmulatorState } from './state.ts';
import type { StripeEvent } from './stripe-objects.ts';

export function createWebhooks(state: EmulatorState) {
  const { options, now, nowSec, deliverWebhooks, webhookTimeoutMs, events, deliveries, pending, closing } =
    state;

  function signEvent(event: object, opts: { timestamp?: number; secret?: string } = {}) {
    // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
    const body = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: opts.secret ?? options.webhookSecret,
      timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
    });
    return { body, header };
  }

  async function deliver(event: StripeEvent): Promise<DeliveryResult> {
    const url = state.webhookUrl;
    const at = now();
    if (!url) {
      return {
        eventId: event.id,
        type: event.type,
        url: '',
        status: null,
        ok: false,
        at,
        error: 'no webhook URL set',
      };
    }
    const { body, header } = signEvent(event);
    let result: DeliveryResult;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': header,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'cache-control': 'no-cache',
          accept: '*/*; q=0.5, application/xml',
        },
        body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(webhookTimeoutMs)]),
      });
      const text = await response.text().catch(() => '');
      result = {
        eventId: event.id,
        type: event.type,
        url,
        status: response.status,
        ok: response.ok,
        at,
        responseBody: text.slice(0, 2000),
      };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      result = {
        eventId: event.id,
        type: event.type,
        url,
        status: null,
        ok: false,
        at,
        error: message + cause,
      };
    }
    deliveries.push(result);
    options.onDelivery?.(result);
    return result;
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
    return promise;
  }

  function emit<T>(
    type: string,
    account: string | null,
    object: T,
    request: { id: string | null; idempotency_key: string | null } = { id: null, idempotency_key: null },
    previousAttributes?: Record<string, unknown>,
  ): { event: StripeEvent<T>; delivery: Promise<DeliveryResult | null> } {
    const willDeliver = deliverWebhooks && Boolean(state.webhookUrl);
    const event: StripeEvent<T> = {
      id: ids.event(),
      object: 'event',
      ...(account ? { account } : {}),
      api_version: Stripe.API_VERSION,
      created: nowSec(),
      data: {
        object: clone(object),
        ...(previousAttributes ? { previous_attributes: clone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: willDeliver ? 1 : 0,
      request,
      type,
    };
    events.set(event.id, { account, object: event as StripeEvent });
    const delivery = willDeliver ? track(deliver(event as StripeEvent)) : Promise.resolve(null);
    return { event, delivery };
  }

  return { signEvent, deliver, track, emit };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
