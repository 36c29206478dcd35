import type { FormObject } from './form.ts';
import type { CheckoutSession, PaymentIntent, StripeEvent } from './stripe-objects.ts';

export type FailableOperation =
  | 'checkout.create'
  | 'checkout.retrieve'
  | 'checkout.expire'
  | 'checkout.line_items'
  | 'refund.create'
  | 'refund.retrieve'
  | 'payment_intent.retrieve'
  | 'customer.retrieve'
  | 'account.retrieve'
  | 'event.retrieve'
  | 'account.create'
  | 'account_link.create';

/** A Stripe-format error to inject with {@link StripeEmulator.failNext}. */
export interface InjectedError {
  /** HTTP status: 400/404 → StripeInvalidRequestError, 402 → StripeCardError, 429 → StripeRateLimitError, 5xx → StripeAPIError. */
  status: number;
  /** Defaults from the status: card_error (402), api_error (5xx), invalid_request_error otherwise. */
  type?: string;
  code?: string;
  message?: string;
  param?: string;
  declineCode?: string;
  /**
   * Sent as the `Stripe-Should-Retry` header. Defaults to false so the SDK's automatic retries
   * (`maxNetworkRetries`, 2 by default, which retry 409s and 5xx) do not swallow the failure.
   */
  shouldRetry?: boolean;
}

export interface StripeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Base URL put into `checkout.session.url`; defaults to `http://<host>:<port>`. */
  publicUrl?: string;
  webhookUrl?: string;
  webhookSecret: string;
  /** Clock for `created`, `expires_at` and expiry. Webhook signatures always use the wall clock. */
  now?: () => Date;
  /** Default true. When false, events are still recorded (and `resendEvent` still delivers). */
  deliverWebhooks?: boolean;
  /** How often open sessions past `expires_at` are expired. Default 1000 ms; 0 disables the timer. */
  expirySweepMs?: number;
  /** Whether the hosted page's Cancel button expires the session (default true; real Stripe does not). */
  expireOnCancel?: boolean;
  /** Default 10 000 ms. */
  webhookTimeoutMs?: number;
  onRequest?: (request: RecordedRequest) => void;
  onDelivery?: (delivery: DeliveryResult) => void;
}

export interface DeliveryResult {
  eventId: string;
  type: string;
  url: string;
  /** HTTP status of the receiver's answer; null when the request itself failed. */
  status: number | null;
  ok: boolean;
  at: Date;
  error?: string;
  /** The receiver's response body, truncated to 2000 characters. */
  responseBody?: string;
}

export interface RecordedRequest {
  requestId: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string including `?`, or ''. */
  query: string;
  /** The `Stripe-Account` header. */
  account: string | null;
  /** The `Idempotency-Key` header (the SDK adds `stripe-node-retry-<uuid>` to every POST). */
  idempotencyKey: string | null;
  /** The `Stripe-Version` header. */
  apiVersion: string | null;
  /** Body and query parameters, parsed from the bracket notation. */
  params: FormObject;
  /** Response status (0 while in flight). */
  status: number;
  replayed: boolean;
  at: Date;
}

export interface CheckoutResult {
  session: CheckoutSession;
  paymentIntent?: PaymentIntent;
  events: StripeEvent<CheckoutSession>[];
  /** One per event, in order; empty when webhooks are off or no URL is set. */
  deliveries: DeliveryResult[];
}
