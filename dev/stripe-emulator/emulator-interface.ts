import type { Connect } from './connect.ts';
import type {
  CheckoutResult,
  DeliveryResult,
  FailableOperation,
  InjectedError,
  RecordedRequest,
} from './emulator-types.ts';
import type { Account, CheckoutSession, PaymentIntent, Refund, StripeEvent } from './stripe-objects.ts';

export interface StripeEmulator {
  readonly url: string;
  readonly port: number;
  readonly webhookUrl: string | undefined;
  setWebhookUrl(url: string | undefined): void;
  close(): Promise<void>;

  /** The hosted page's Pay button. Throws unless the session is open (or `evenIfExpired` and expired). */
  pay(sessionId: string, options?: { evenIfExpired?: boolean }): Promise<CheckoutResult>;
  /** The hosted page's Cancel button (expires the session unless `expireOnCancel: false`). */
  cancel(sessionId: string): Promise<CheckoutResult>;
  /** The "Simulate a declined payment" button: an asynchronous payment failure, see README. */
  failPayment(sessionId: string): Promise<CheckoutResult>;
  /** Expires an open session now, as `POST /v1/checkout/sessions/:id/expire` would. */
  expire(sessionId: string): Promise<CheckoutResult>;
  /** Expires every open session whose `expires_at` has passed by `now()`; what the timer runs. */
  sweep(): Promise<DeliveryResult[]>;
  /** Queues a failure for the next call of `operation` (calls queue up: two calls fail twice). */
  failNext(operation: FailableOperation, error?: InjectedError): void;
  /** Re-signs (fresh timestamp) and delivers a recorded event to the current webhook URL. */
  resendEvent(eventId: string): Promise<DeliveryResult>;
  /** The body and `Stripe-Signature` header Stripe would send for this event. */
  signEvent(
    event: object,
    options?: { timestamp?: number; secret?: string },
  ): { body: string; header: string };
  /** Waits for every webhook delivery in flight. */
  flushWebhooks(): Promise<void>;
  /** Overrides fields of the account returned for `id` (e.g. `{ charges_enabled: false }`). */
  setAccount(id: string, patch: Partial<Account>): void;
  /** Accounts created with `POST /v1/accounts` (Connect onboarding), with their current state. */
  accounts(): Account[];
  /** Account links created with `POST /v1/account_links`, with where they send the user back. */
  accountLinks(): ReturnType<Connect['accountLinks']>;
  /**
   * What the hosted onboarding page's buttons do: "Complete onboarding" (default: charges and
   * payouts enabled, nothing due) or `{ finished: false }` for "Save and finish later"; either
   * sends `account.updated` and waits for its delivery.
   */
  completeOnboarding(
    accountId: string,
    options?: { finished?: boolean },
  ): Promise<{ account: Account; event: StripeEvent; delivery: DeliveryResult | null }>;
  /** Changes a created account as Stripe would (e.g. new requirements) and sends `account.updated`. */
  updateAccount(
    accountId: string,
    patch: Partial<Account>,
  ): Promise<{ account: Account; event: StripeEvent; delivery: DeliveryResult | null }>;
  /** Forgets every object, event, request, delivery, idempotency key and queued failure. */
  reset(): void;

  readonly deliveries: DeliveryResult[];
  readonly requests: RecordedRequest[];
  sessions(): CheckoutSession[];
  session(id: string): CheckoutSession | undefined;
  refunds(): Refund[];
  paymentIntents(): PaymentIntent[];
  events(): StripeEvent[];
}
