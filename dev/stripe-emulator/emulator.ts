/**
 * A local stand-in for the slice of the Stripe API the booking service uses: Checkout Sessions
 * (payment mode, inline `price_data`), refunds, payment intents, connected accounts, signed
 * webhook events and a hosted checkout page. The official SDK talks to it unchanged:
 *
 *   new Stripe('sk_test_emulator', { host: '127.0.0.1', port, protocol: 'http' })
 *
 * Everything is in memory; see README.md for what is and is not emulated.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type CheckoutText, checkoutText } from './checkout-text.ts';
import { type Connect, createConnect } from './connect.ts';
import { type FormObject, FormParseError, type FormValue, parseForm } from './form.ts';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

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

export type Metadata = Record<string, string>;

export interface CustomerDetails {
  address: null;
  email: string | null;
  name: string | null;
  phone: string | null;
  tax_exempt: 'none';
  tax_ids: [];
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  after_expiration: null;
  allow_promotion_codes: null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: { enabled: false; liability: null; provider: null; status: null };
  billing_address_collection: null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: null;
  created: number;
  currency: string;
  customer: string | null;
  customer_creation: 'if_required' | 'always';
  customer_details: CustomerDetails | null;
  customer_email: string | null;
  expires_at: number;
  invoice: null;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | null;
  payment_link: null;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  setup_intent: null;
  status: 'open' | 'complete' | 'expired';
  submit_type: string | null;
  subscription: null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted';
  /** Only while the session is open, like Stripe. */
  url: string | null;
}

export interface Price {
  id: string;
  object: 'price';
  active: false;
  billing_scheme: 'per_unit';
  created: number;
  currency: string;
  livemode: false;
  metadata: Metadata;
  product: string;
  recurring: null;
  tax_behavior: string;
  type: 'one_time';
  unit_amount: number;
  unit_amount_decimal: string;
}

export interface LineItem {
  id: string;
  object: 'item';
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  metadata: Metadata;
  price: Price;
  quantity: number;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number | null;
  canceled_at: null;
  cancellation_reason: null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: {
    code: string;
    decline_code: string;
    message: string;
    type: 'card_error';
  } | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  on_behalf_of: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  statement_descriptor: string | null;
  status: 'succeeded' | 'requires_payment_method';
  transfer_data: { destination: string; amount?: number } | null;
  transfer_group: string | null;
}

export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  livemode: false;
  metadata: Metadata;
  name: string | null;
}

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: 'succeeded';
  transfer_reversal: null;
}

export interface Account {
  id: string;
  object: 'account';
  business_profile: { name: string | null; support_email: string | null; url: string | null };
  business_type: string | null;
  capabilities: Record<string, string>;
  charges_enabled: boolean;
  country: string;
  created: number;
  default_currency: string;
  details_submitted: boolean;
  email: string | null;
  metadata: Metadata;
  payouts_enabled: boolean;
  requirements: {
    currently_due: string[];
    disabled_reason: string | null;
    eventually_due: string[];
    past_due: string[];
    pending_verification: string[];
  };
  type: string;
}

export interface StripeEvent<T = unknown> {
  id: string;
  object: 'event';
  /** Present when the object belongs to a connected account (Stripe-Account header). */
  account?: string;
  api_version: string;
  created: number;
  data: { object: T; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface CheckoutResult {
  session: CheckoutSession;
  paymentIntent?: PaymentIntent;
  events: StripeEvent<CheckoutSession>[];
  /** One per event, in order; empty when webhooks are off or no URL is set. */
  deliveries: DeliveryResult[];
}

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

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MAX_BODY_BYTES = 1024 * 1024;
const PLATFORM_ACCOUNT = 'acct_1EmulatorPlatform0';
const SESSION_ID_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';
const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 60 * 60;
/** Slack for `expires_at` bounds, covering the time between the caller computing it and us checking. */
const EXPIRY_SLACK_S = 5;

function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

const ids = {
  session: () => randomId('cs_test_', 58),
  paymentIntent: () => randomId('pi_', 24),
  charge: () => randomId('ch_', 24),
  paymentMethod: () => randomId('pm_', 24),
  customer: () => randomId('cus_', 14),
  refund: () => randomId('re_', 24),
  txn: () => randomId('txn_', 24),
  event: () => randomId('evt_', 24),
  request: () => randomId('req_', 14),
  lineItem: () => randomId('li_', 24),
  price: () => randomId('price_', 24),
  product: () => randomId('prod_', 14),
};

const clone = <T>(value: T): T => structuredClone(value);

const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '));

/** Formats an amount in the currency's smallest unit the way Stripe counts them. */
export function formatAmount(amount: number, currency: string, locale = 'en'): string {
  const lower = currency.toLowerCase();
  const exponent = ZERO_DECIMAL.has(lower) ? 0 : THREE_DECIMAL.has(lower) ? 3 : 2;
  const value = amount / 10 ** exponent;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: lower.toUpperCase(),
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(value);
  } catch {
    return `${value.toFixed(exponent)} ${lower.toUpperCase()}`;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface ErrorBody {
  type: string;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

/** A Stripe API error response. */
class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly shouldRetry: boolean | undefined;
  /** Injected failures and validation errors are not saved under an idempotency key. */
  readonly saveIdempotently: boolean;
  constructor(
    status: number,
    body: ErrorBody,
    extra: { shouldRetry?: boolean; saveIdempotently?: boolean } = {},
  ) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.shouldRetry = extra.shouldRetry;
    this.saveIdempotently = extra.saveIdempotently ?? false;
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new ApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` } : {}),
    ...(param ? { param } : {}),
  });

const missing = (kind: string, id: string, param = 'id') =>
  new ApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    message: `No such ${kind}: '${id}'`,
    param,
  });

function injectedToApiError(error: InjectedError): ApiError {
  const status = error.status;
  const type =
    error.type ?? (status === 402 ? 'card_error' : status >= 500 ? 'api_error' : 'invalid_request_error');
  const defaults: Record<number, { code?: string; message: string; decline?: string }> = {
    402: { code: 'card_declined', message: 'Your card was declined.', decline: 'generic_decline' },
    429: {
      code: 'rate_limit',
      message:
        'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
    },
  };
  const fallback = defaults[status] ?? {
    message:
      status >= 500
        ? 'An unknown error occurred (injected by the Stripe emulator).'
        : 'Injected by the Stripe emulator.',
  };
  const code = error.code ?? fallback.code;
  const declineCode = error.declineCode ?? (status === 402 ? fallback.decline : undefined);
  return new ApiError(
    status,
    {
      type,
      message: error.message ?? fallback.message,
      ...(code ? { code } : {}),
      ...(declineCode ? { decline_code: declineCode } : {}),
      ...(error.param ? { param: error.param } : {}),
    },
    { shouldRetry: error.shouldRetry ?? false },
  );
}

// --- parameter readers -----------------------------------------------------------------------

function describeValue(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function optString(params: FormObject, key: string, param = key): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid string: ${describeValue(value)}`, param);
  return value;
}

/** Stripe treats an empty string as "unset". */
function optNonEmpty(params: FormObject, key: string, param = key): string | undefined {
  const value = optString(params, key, param);
  return value === '' ? undefined : value;
}

function optObject(params: FormObject, key: string, param = key): FormObject | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalid('Invalid object', param);
  return value;
}

function optInteger(params: FormObject, key: string, param: string, min: number): number | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) {
    throw invalid(`Invalid integer: ${describeValue(value)}`, param, 'parameter_invalid_integer');
  }
  const parsed = Number(value.trim());
  if (!Number.isSafeInteger(parsed))
    throw invalid(`Invalid integer: ${value}`, param, 'parameter_invalid_integer');
  if (parsed < min) {
    throw invalid(
      min === 0
        ? `Invalid non-negative integer: ${value}`
        : `This value must be greater than or equal to ${min}.`,
      param,
      'parameter_invalid_integer',
    );
  }
  return parsed;
}

function readMetadata(params: FormObject, key: string, param = key): Metadata {
  const value = params[key];
  if (value === undefined || value === '') return {};
  if (typeof value === 'string' || Array.isArray(value)) throw invalid('Invalid object', param);
  const out: Metadata = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalid(`Invalid string: ${describeValue(v)}`, `${param}[${k}]`);
    if (v === '') continue;
    if (k.length > 40)
      throw invalid('Metadata keys can have a maximum length of 40 characters.', `${param}[${k}]`);
    if (v.length > 500) {
      throw invalid('Metadata values can have a maximum length of 500 characters.', `${param}[${k}]`);
    }
    out[k] = v;
  }
  if (Object.keys(out).length > 50) throw invalid('Metadata can have a maximum of 50 keys.', param);
  return out;
}

function readExpand(params: FormObject): string[] {
  const value = params.expand;
  if (value === undefined || value === '') return [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!list || list.some((item) => typeof item !== 'string')) throw invalid('Invalid array', 'expand');
  return list as string[];
}

function rejectUnknown(params: FormObject, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      const name = prefix ? `${prefix}[${key}]` : key;
      throw invalid(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
    }
  }
}

function readUrl(params: FormObject, key: string): string | undefined {
  const value = optNonEmpty(params, key);
  if (value === undefined) return undefined;
  // Stripe validates with the placeholder in place; it is substituted only on redirect.
  let parsed: URL;
  try {
    parsed = new URL(value.replaceAll(SESSION_ID_PLACEHOLDER, 'cs_placeholder'));
  } catch {
    throw invalid('Not a valid URL', key, 'url_invalid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalid('Not a valid URL', key, 'url_invalid');
  return value;
}

// Real parameter names (from the SDK's types); the ones not emulated are accepted and ignored
// unless they would change the outcome, in which case they are rejected explicitly.
const SESSION_CREATE_PARAMS = [
  'adaptive_pricing',
  'after_expiration',
  'allow_promotion_codes',
  'allowed_payment_method_types',
  'automatic_tax',
  'billing_address_collection',
  'branding_settings',
  'cancel_url',
  'client_reference_id',
  'consent_collection',
  'currency',
  'custom_fields',
  'custom_text',
  'customer',
  'customer_account',
  'customer_creation',
  'customer_email',
  'customer_update',
  'discounts',
  'excluded_payment_method_types',
  'expand',
  'expires_at',
  'integration_identifier',
  'invoice_creation',
  'line_items',
  'locale',
  'managed_payments',
  'metadata',
  'mode',
  'name_collection',
  'optional_items',
  'origin_context',
  'payment_intent_data',
  'payment_method_collection',
  'payment_method_configuration',
  'payment_method_data',
  'payment_method_options',
  'payment_method_types',
  'permissions',
  'phone_number_collection',
  'redirect_on_completion',
  'return_url',
  'saved_payment_method_options',
  'setup_intent_data',
  'shipping_address_collection',
  'shipping_options',
  'submit_type',
  'subscription_data',
  'success_url',
  'tax_id_collection',
  'ui_mode',
  'wallet_options',
] as const;
const LINE_ITEM_PARAMS = [
  'adjustable_quantity',
  'dynamic_tax_rates',
  'metadata',
  'price',
  'price_data',
  'quantity',
  'tax_rates',
];
const PRICE_DATA_PARAMS = [
  'currency',
  'product',
  'product_data',
  'recurring',
  'tax_behavior',
  'unit_amount',
  'unit_amount_decimal',
];
const PRODUCT_DATA_PARAMS = [
  'description',
  'images',
  'metadata',
  'name',
  'tax_code',
  'tax_details',
  'unit_label',
];
const PAYMENT_INTENT_DATA_PARAMS = [
  'application_fee_amount',
  'capture_method',
  'description',
  'metadata',
  'on_behalf_of',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'transfer_data',
  'transfer_group',
];
const REFUND_CREATE_PARAMS = [
  'amount',
  'charge',
  'currency',
  'customer',
  'expand',
  'instructions_email',
  'metadata',
  'origin',
  'payment_intent',
  'reason',
  'refund_application_fee',
  'reverse_transfer',
];

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface Owned<T> {
  account: string | null;
  object: T;
}

interface SessionRecord extends Owned<CheckoutSession> {
  lineItems: LineItem[];
  paymentIntentData: {
    applicationFeeAmount: number | null;
    metadata: Metadata;
    description: string | null;
    receiptEmail: string | null;
    statementDescriptor: string | null;
    transferData: { destination: string; amount?: number } | null;
    transferGroup: string | null;
    onBehalfOf: string | null;
  };
}

interface PaymentIntentRecord extends Owned<PaymentIntent> {
  refunded: number;
  sessionId: string;
}

interface IdempotentResult {
  fingerprint: string;
  status: number;
  body: unknown;
}

interface ApiContext {
  params: FormObject;
  account: string | null;
  pathParams: string[];
  request: { id: string; idempotency_key: string | null };
}

interface ApiResult {
  status?: number;
  body: unknown;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  operation: FailableOperation;
  handler: (ctx: ApiContext) => ApiResult;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(invalid('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseAuth(header: string | undefined): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0] ?? null;
  return null;
}

function headerValue(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function isBadAccountId(id: string): boolean {
  return !id.startsWith('acct_') || id.includes('invalid');
}

// ---------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const now = options.now ?? (() => new Date());
  const nowSec = () => Math.floor(now().getTime() / 1000);
  const host = options.host ?? '127.0.0.1';
  const deliverWebhooks = options.deliverWebhooks ?? true;
  const expireOnCancel = options.expireOnCancel ?? true;
  const webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
  let webhookUrl = options.webhookUrl;
  let baseUrl = '';

  const sessions = new Map<string, SessionRecord>();
  const paymentIntents = new Map<string, PaymentIntentRecord>();
  const customers = new Map<string, Owned<Customer>>();
  const refunds = new Map<string, Owned<Refund>>();
  const events = new Map<string, Owned<StripeEvent>>();
  const accountPatches = new Map<string, Partial<Account>>();
  const idempotency = new Map<string, IdempotentResult>();
  const failures = new Map<FailableOperation, InjectedError[]>();
  const requests: RecordedRequest[] = [];
  const deliveries: DeliveryResult[] = [];
  const pending = new Set<Promise<unknown>>();
  const closing = new AbortController();

  function lookup<T>(
    map: Map<string, Owned<T>>,
    id: string,
    account: string | null,
    kind: string,
    param = 'id',
  ) {
    const found = map.get(id);
    if (!found || found.account !== account) throw missing(kind, id, param);
    return found;
  }

  // --- events and webhooks ---------------------------------------------------------------------

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
    const url = webhookUrl;
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
    const willDeliver = deliverWebhooks && Boolean(webhookUrl);
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

  async function settle(
    session: SessionRecord,
    emitted: { event: StripeEvent<CheckoutSession>; delivery: Promise<DeliveryResult | null> }[],
    paymentIntent?: PaymentIntent,
  ): Promise<CheckoutResult> {
    const results = await Promise.all(emitted.map((e) => e.delivery));
    return {
      session: clone(session.object),
      ...(paymentIntent ? { paymentIntent: clone(paymentIntent) } : {}),
      events: emitted.map((e) => e.event),
      deliveries: results.filter((r): r is DeliveryResult => r !== null),
    };
  }

  // --- state transitions -------------------------------------------------------------------------

  function sessionRecord(id: string): SessionRecord {
    const record = sessions.get(id);
    if (!record) throw new Error(`Stripe emulator: no checkout session ${id}`);
    return record;
  }

  function isDue(record: SessionRecord): boolean {
    return record.object.status === 'open' && record.object.expires_at <= nowSec();
  }

  function expireSession(
    record: SessionRecord,
    request?: { id: string | null; idempotency_key: string | null },
  ) {
    const session = record.object;
    session.status = 'expired';
    session.url = null;
    return emit('checkout.session.expired', record.account, session, request);
  }

  function ensureCustomer(record: SessionRecord): string {
    const session = record.object;
    if (session.customer) return session.customer;
    const customer: Customer = {
      id: ids.customer(),
      object: 'customer',
      created: nowSec(),
      email: session.customer_email,
      livemode: false,
      metadata: {},
      name: null,
    };
    customers.set(customer.id, { account: record.account, object: customer });
    return customer.id;
  }

  function createPaymentIntent(record: SessionRecord, succeeded: boolean, customerId: string): PaymentIntent {
    const session = record.object;
    const data = record.paymentIntentData;
    const id = ids.paymentIntent();
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      amount: session.amount_total,
      amount_capturable: 0,
      amount_received: succeeded ? session.amount_total : 0,
      application_fee_amount: data.applicationFeeAmount,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic_async',
      client_secret: `${id}_secret_${randomId('', 25)}`,
      confirmation_method: 'automatic',
      created: nowSec(),
      currency: session.currency,
      customer: customerId,
      description: data.description,
      last_payment_error: succeeded
        ? null
        : {
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
            type: 'card_error',
          },
      latest_charge: ids.charge(),
      livemode: false,
      metadata: { ...data.metadata },
      on_behalf_of: data.onBehalfOf,
      payment_method: succeeded ? ids.paymentMethod() : null,
      payment_method_types: ['card'],
      receipt_email: data.receiptEmail,
      statement_descriptor: data.statementDescriptor,
      status: succeeded ? 'succeeded' : 'requires_payment_method',
      transfer_data: data.transferData,
      transfer_group: data.transferGroup,
    };
    paymentIntents.set(id, { account: record.account, object: intent, refunded: 0, sessionId: session.id });
    return intent;
  }

  function customerDetails(session: CheckoutSession): CustomerDetails {
    return {
      address: null,
      email: session.customer_email,
      name: null,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    };
  }

  function completeSession(record: SessionRecord, paid: boolean) {
    const session = record.object;
    const customerId = ensureCustomer(record);
    const intent = createPaymentIntent(record, paid, customerId);
    session.status = 'complete';
    session.payment_status = 'unpaid';
    session.customer = customerId;
    session.customer_details = customerDetails(session);
    session.payment_intent = intent.id;
    session.url = null;
    const emitted = [];
    if (paid) {
      session.payment_status = 'paid';
      emitted.push(emit('checkout.session.completed', record.account, session));
    } else {
      // An asynchronous payment method: the session completes unpaid, then the payment fails.
      emitted.push(emit('checkout.session.completed', record.account, session));
      emitted.push(emit('checkout.session.async_payment_failed', record.account, session));
    }
    return { intent, emitted };
  }

  // --- API handlers ------------------------------------------------------------------------------

  function sessionExpandable(record: SessionRecord, expand: string[]): Record<string, unknown> {
    const session = record.object;
    const out: Record<string, unknown> = { ...clone(session) };
    for (const path of expand) {
      if (path === 'payment_intent') {
        if (session.payment_intent)
          out.payment_intent = clone(paymentIntents.get(session.payment_intent)!.object);
      } else if (path === 'customer') {
        if (session.customer) out.customer = clone(customers.get(session.customer)!.object);
      } else if (path === 'line_items') {
        out.line_items = lineItemList(record);
      } else {
        throw invalid(
          `This property cannot be expanded (${path}). (The Stripe emulator expands payment_intent, customer and line_items.)`,
          'expand',
        );
      }
    }
    return out;
  }

  function lineItemList(record: SessionRecord) {
    return {
      object: 'list',
      data: clone(record.lineItems),
      has_more: false,
      url: `/v1/checkout/sessions/${record.object.id}/line_items`,
    };
  }

  function createSession(ctx: ApiContext): ApiResult {
    const { params, account } = ctx;
    rejectUnknown(params, SESSION_CREATE_PARAMS);
    const mode = optNonEmpty(params, 'mode');
    if (mode === undefined) throw invalid('Missing required param: mode.', 'mode', 'parameter_missing');
    if (!['payment', 'setup', 'subscription'].includes(mode)) {
      throw invalid(`Invalid mode: must be one of payment, setup, or subscription`, 'mode');
    }
    if (mode !== 'payment')
      throw invalid(`The Stripe emulator only supports mode=payment (got ${mode}).`, 'mode');
    const uiMode = optNonEmpty(params, 'ui_mode');
    if (uiMode !== undefined && uiMode !== 'hosted') {
      throw invalid(`The Stripe emulator only supports ui_mode=hosted (got ${uiMode}).`, 'ui_mode');
    }

    const rawItems = params.line_items;
    if (rawItems === undefined || rawItems === '') {
      throw invalid('Missing required param: line_items.', 'line_items', 'parameter_missing');
    }
    if (!Array.isArray(rawItems)) throw invalid('Invalid array', 'line_items');
    if (rawItems.length === 0) throw invalid('`line_items` must have at least one item.', 'line_items');
    if (rawItems.length > 100) throw invalid('`line_items` can have at most 100 items.', 'line_items');

    const created = nowSec();
    let currency: string | undefined;
    const lineItems: LineItem[] = rawItems.map((raw, i) => {
      const p = `line_items[${i}]`;
      if (typeof raw === 'string' || Array.isArray(raw)) throw invalid('Invalid object', p);
      rejectUnknown(raw, LINE_ITEM_PARAMS, p);
      if (raw.price !== undefined) {
        throw invalid(`The Stripe emulator has no Price objects; use ${p}[price_data].`, `${p}[price]`);
      }
      const priceData = optObject(raw, 'price_data', `${p}[price_data]`);
      if (!priceData) {
        throw invalid(`You must specify either \`price\` or \`price_data\` in ${p}.`, p, 'parameter_missing');
      }
      rejectUnknown(priceData, PRICE_DATA_PARAMS, `${p}[price_data]`);
      if (priceData.recurring !== undefined) {
        throw invalid(
          'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
          `${p}[price_data][recurring]`,
        );
      }
      const itemCurrency = optNonEmpty(priceData, 'currency', `${p}[price_data][currency]`)?.toLowerCase();
      if (!itemCurrency) {
        throw invalid('Missing required param: currency.', `${p}[price_data][currency]`, 'parameter_missing');
      }
      if (!/^[a-z]{3}$/.test(itemCurrency)) {
        throw invalid(
          `Invalid currency: ${itemCurrency}.`,
          `${p}[price_data][currency]`,
          'parameter_invalid_string',
        );
      }
      if (currency && currency !== itemCurrency) {
        throw invalid('All line items must use the same currency.', `${p}[price_data][currency]`);
      }
      currency = itemCurrency;
      let unitAmount = optInteger(priceData, 'unit_amount', `${p}[price_data][unit_amount]`, 0);
      if (unitAmount === undefined && priceData.unit_amount_decimal !== undefined) {
        const decimal = optString(priceData, 'unit_amount_decimal', `${p}[price_data][unit_amount_decimal]`);
        if (decimal === undefined || !/^\d+(\.0+)?$/.test(decimal)) {
          throw invalid(
            'The Stripe emulator only supports whole-number unit_amount_decimal values.',
            `${p}[price_data][unit_amount_decimal]`,
          );
        }
        unitAmount = Number.parseInt(decimal, 10);
      }
      if (unitAmount === undefined) {
        throw invalid(
          'You must specify either `unit_amount` or `unit_amount_decimal`.',
          `${p}[price_data][unit_amount]`,
          'parameter_missing',
        );
      }
      if (priceData.product !== undefined) {
        throw invalid(
          `The Stripe emulator has no Product objects; use ${p}[price_data][product_data].`,
          `${p}[price_data][product]`,
        );
      }
      const productData = optObject(priceData, 'product_data', `${p}[price_data][product_data]`);
      if (!productData) {
        throw invalid(
          'You must specify either `product` or `product_data`.',
          `${p}[price_data][product_data]`,
          'parameter_missing',
        );
      }
      rejectUnknown(productData, PRODUCT_DATA_PARAMS, `${p}[price_data][product_data]`);
      const name = optNonEmpty(productData, 'name', `${p}[price_data][product_data][name]`);
      if (!name) {
        throw invalid(
          'Missing required param: name.',
          `${p}[price_data][product_data][name]`,
          'parameter_missing',
        );
      }
      const quantity = optInteger(raw, 'quantity', `${p}[quantity]`, 1);
      if (quantity === undefined) {
        throw invalid(
          `Quantity is required. Add \`quantity\` to \`${p}\``,
          `${p}[quantity]`,
          'parameter_missing',
        );
      }
      const total = unitAmount * quantity;
      return {
        id: ids.lineItem(),
        object: 'item',
        amount_discount: 0,
        amount_subtotal: total,
        amount_tax: 0,
        amount_total: total,
        currency: itemCurrency,
        description: name,
        metadata: readMetadata(raw, 'metadata', `${p}[metadata]`),
        price: {
          id: ids.price(),
          object: 'price',
          active: false,
          billing_scheme: 'per_unit',
          created,
          currency: itemCurrency,
          livemode: false,
          metadata: {},
          product: ids.product(),
          recurring: null,
          tax_behavior: optNonEmpty(priceData, 'tax_behavior') ?? 'unspecified',
          type: 'one_time',
          unit_amount: unitAmount,
          unit_amount_decimal: String(unitAmount),
        },
        quantity,
      };
    });
    const amountTotal = lineItems.reduce((sum, item) => sum + item.amount_total, 0);

    let expiresAt = optInteger(params, 'expires_at', 'expires_at', 0);
    if (expiresAt === undefined) {
      expiresAt = created + MAX_EXPIRY_S;
    } else if (expiresAt < created + MIN_EXPIRY_S - EXPIRY_SLACK_S) {
      throw invalid(
        'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
        'expires_at',
      );
    } else if (expiresAt > created + MAX_EXPIRY_S + EXPIRY_SLACK_S) {
      throw invalid(
        'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
        'expires_at',
      );
    }

    const pid = optObject(params, 'payment_intent_data') ?? {};
    rejectUnknown(pid, PAYMENT_INTENT_DATA_PARAMS, 'payment_intent_data');
    const captureMethod = optNonEmpty(pid, 'capture_method', 'payment_intent_data[capture_method]');
    if (captureMethod !== undefined && captureMethod !== 'automatic' && captureMethod !== 'automatic_async') {
      throw invalid(
        'The Stripe emulator only supports automatic capture.',
        'payment_intent_data[capture_method]',
      );
    }
    const feeParam = 'payment_intent_data[application_fee_amount]';
    const applicationFee = optInteger(pid, 'application_fee_amount', feeParam, 0) ?? null;
    const transferDataRaw = optObject(pid, 'transfer_data', 'payment_intent_data[transfer_data]');
    let transferData: SessionRecord['paymentIntentData']['transferData'] = null;
    if (transferDataRaw) {
      const destination = optNonEmpty(
        transferDataRaw,
        'destination',
        'payment_intent_data[transfer_data][destination]',
      );
      if (!destination) {
        throw invalid(
          'Missing required param: payment_intent_data[transfer_data][destination].',
          'payment_intent_data[transfer_data][destination]',
          'parameter_missing',
        );
      }
      const amount = optInteger(transferDataRaw, 'amount', 'payment_intent_data[transfer_data][amount]', 0);
      transferData = amount === undefined ? { destination } : { destination, amount };
    }
    if (applicationFee !== null) {
      if (!account && !transferData) {
        throw invalid(
          'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
          feeParam,
        );
      }
      if (applicationFee > amountTotal) {
        throw invalid(
          `The application fee amount (${applicationFee}) cannot be greater than the amount of the payment (${amountTotal}).`,
          feeParam,
        );
      }
    }

    const customerParam = optNonEmpty(params, 'customer');
    const customerEmail = optNonEmpty(params, 'customer_email');
    if (customerParam && customerEmail) {
      throw invalid(
        'You may only specify one of these parameters: customer, customer_email.',
        'customer_email',
      );
    }
    if (customerParam) lookup(customers, customerParam, account, 'customer', 'customer');
    if (customerEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(customerEmail)) {
      throw invalid(`Invalid email address: ${customerEmail}`, 'customer_email', 'email_invalid');
    }
    const clientReferenceId = optNonEmpty(params, 'client_reference_id');
    if (clientReferenceId !== undefined && clientReferenceId.length > 200) {
      throw invalid('client_reference_id must be at most 200 characters.', 'client_reference_id');
    }
    const customerCreation = optNonEmpty(params, 'customer_creation');
    if (
      customerCreation !== undefined &&
      customerCreation !== 'always' &&
      customerCreation !== 'if_required'
    ) {
      throw invalid('Invalid customer_creation: must be one of always or if_required', 'customer_creation');
    }
    const successUrl = readUrl(params, 'success_url');
    const cancelUrl = readUrl(params, 'cancel_url');
    const metadata = readMetadata(params, 'metadata');
    const expand = readExpand(params);

    const id = ids.session();
    const session: CheckoutSession = {
      id,
      object: 'checkout.session',
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: null,
      cancel_url: cancelUrl ?? null,
      client_reference_id: clientReferenceId ?? null,
      client_secret: null,
      created,
      currency: currency!,
      customer: customerParam ?? null,
      customer_creation: customerCreation === 'always' ? 'always' : 'if_required',
      customer_details: null,
      customer_email: customerEmail ?? null,
      expires_at: expiresAt,
      invoice: null,
      livemode: false,
      locale: optNonEmpty(params, 'locale') ?? null,
      metadata,
      mode: 'payment',
      payment_intent: null,
      payment_link: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      setup_intent: null,
      status: 'open',
      submit_type: optNonEmpty(params, 'submit_type') ?? null,
      subscription: null,
      success_url: successUrl ?? null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `${baseUrl}/checkout/${id}`,
    };
    const record: SessionRecord = {
      account,
      object: session,
      lineItems,
      paymentIntentData: {
        applicationFeeAmount: applicationFee,
        metadata: readMetadata(pid, 'metadata', 'payment_intent_data[metadata]'),
        description: optNonEmpty(pid, 'description', 'payment_intent_data[description]') ?? null,
        receiptEmail: optNonEmpty(pid, 'receipt_email', 'payment_intent_data[receipt_email]') ?? null,
        statementDescriptor:
          optNonEmpty(pid, 'statement_descriptor', 'payment_intent_data[statement_descriptor]') ?? null,
        transferData,
        transferGroup: optNonEmpty(pid, 'transfer_group', 'payment_intent_data[transfer_group]') ?? null,
        onBehalfOf: optNonEmpty(pid, 'on_behalf_of', 'payment_intent_data[on_behalf_of]') ?? null,
      },
    };
    // Validate expansions before storing, so a bad `expand` leaves nothing behind.
    const body = sessionExpandable(record, expand);
    sessions.set(id, record);
    return { body };
  }

  function retrieveSession(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand']);
    const record = lookup(sessions, ctx.pathParams[0]!, ctx.account, 'checkout.session') as SessionRecord;
    return { body: sessionExpandable(record, readExpand(ctx.params)) };
  }

  function listLineItems(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand', 'limit', 'starting_after', 'ending_before']);
    const record = lookup(sessions, ctx.pathParams[0]!, ctx.account, 'checkout.session') as SessionRecord;
    return { body: lineItemList(record) };
  }

  function expireSessionApi(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand']);
    const record = lookup(sessions, ctx.pathParams[0]!, ctx.account, 'checkout.session') as SessionRecord;
    const expand = readExpand(ctx.params);
    if (record.object.status !== 'open') {
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${record.object.status}".`,
        undefined,
        'checkout_session_not_expirable',
      );
    }
    sessionExpandable(record, expand);
    expireSession(record, ctx.request);
    return { body: sessionExpandable(record, expand) };
  }

  function createRefund(ctx: ApiContext): ApiResult {
    const { params, account } = ctx;
    rejectUnknown(params, REFUND_CREATE_PARAMS);
    if (params.charge !== undefined) {
      throw invalid('The Stripe emulator refunds by payment_intent only.', 'charge');
    }
    const intentId = optNonEmpty(params, 'payment_intent');
    if (!intentId) {
      throw invalid(
        'One of the following params should be provided for this request: payment_intent or charge.',
        undefined,
        'parameter_missing',
      );
    }
    const record = lookup(
      paymentIntents,
      intentId,
      account,
      'payment_intent',
      'payment_intent',
    ) as PaymentIntentRecord;
    const intent = record.object;
    if (intent.status !== 'succeeded') {
      throw invalid(
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        'payment_intent',
        'charge_not_refundable',
      );
    }
    const remaining = intent.amount_received - record.refunded;
    if (remaining <= 0) {
      throw new ApiError(
        400,
        {
          type: 'invalid_request_error',
          code: 'charge_already_refunded',
          doc_url: 'https://stripe.com/docs/error-codes/charge-already-refunded',
          message: `Charge ${intent.latest_charge} has already been refunded.`,
        },
        { saveIdempotently: true },
      );
    }
    const amount = optInteger(params, 'amount', 'amount', 1) ?? remaining;
    if (amount > remaining) {
      throw new ApiError(
        400,
        {
          type: 'invalid_request_error',
          code: 'charge_already_refunded',
          doc_url: 'https://stripe.com/docs/error-codes/charge-already-refunded',
          message: `Refund amount (${formatAmount(amount, intent.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, intent.currency)})`,
          param: 'amount',
        },
        { saveIdempotently: true },
      );
    }
    const reason = optNonEmpty(params, 'reason') ?? null;
    if (reason !== null && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) {
      throw invalid(
        'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer',
        'reason',
      );
    }
    const currency = optNonEmpty(params, 'currency')?.toLowerCase();
    if (currency !== undefined && currency !== intent.currency) {
      throw invalid(
        `The currency ${currency} does not match the currency of the payment (${intent.currency}).`,
        'currency',
      );
    }
    const metadata = readMetadata(params, 'metadata');
    const expand = readExpand(params);
    for (const path of expand) {
      if (path !== 'payment_intent') throw invalid(`This property cannot be expanded (${path}).`, 'expand');
    }
    const refund: Refund = {
      id: ids.refund(),
      object: 'refund',
      amount,
      balance_transaction: ids.txn(),
      charge: intent.latest_charge!,
      created: nowSec(),
      currency: intent.currency,
      metadata,
      payment_intent: intent.id,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    record.refunded += amount;
    refunds.set(refund.id, { account, object: refund });
    return { body: refundExpandable(refund, expand) };
  }

  function refundExpandable(refund: Refund, expand: string[]) {
    const out: Record<string, unknown> = { ...clone(refund) };
    for (const path of expand) {
      if (path !== 'payment_intent') throw invalid(`This property cannot be expanded (${path}).`, 'expand');
      out.payment_intent = clone(paymentIntents.get(refund.payment_intent)!.object);
    }
    return out;
  }

  function retrieveRefund(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand']);
    const { object } = lookup(refunds, ctx.pathParams[0]!, ctx.account, 'refund');
    return { body: refundExpandable(object, readExpand(ctx.params)) };
  }

  function retrievePaymentIntent(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand', 'client_secret']);
    const { object } = lookup(paymentIntents, ctx.pathParams[0]!, ctx.account, 'payment_intent');
    const out: Record<string, unknown> = { ...clone(object) };
    for (const path of readExpand(ctx.params)) {
      if (path !== 'customer') throw invalid(`This property cannot be expanded (${path}).`, 'expand');
      if (object.customer) out.customer = clone(customers.get(object.customer)!.object);
    }
    return { body: out };
  }

  function retrieveCustomer(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand']);
    return { body: clone(lookup(customers, ctx.pathParams[0]!, ctx.account, 'customer').object) };
  }

  function retrieveEvent(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand']);
    return { body: clone(lookup(events, ctx.pathParams[0]!, ctx.account, 'event').object) };
  }

  function accountObject(id: string): Account {
    const base: Account = {
      id,
      object: 'account',
      business_profile: { name: null, support_email: null, url: null },
      business_type: null,
      capabilities: { card_payments: 'active', transfers: 'active' },
      charges_enabled: true,
      country: 'US',
      created: 1_700_000_000,
      default_currency: 'usd',
      details_submitted: true,
      email: null,
      metadata: {},
      payouts_enabled: true,
      requirements: {
        currently_due: [],
        disabled_reason: null,
        eventually_due: [],
        past_due: [],
        pending_verification: [],
      },
      type: 'standard',
    };
    const created = connect.account(id);
    return { ...(created ?? base), ...clone(accountPatches.get(id) ?? {}), id, object: 'account' };
  }

  function retrieveAccount(ctx: ApiContext): ApiResult {
    rejectUnknown(ctx.params, ['expand']);
    const id = ctx.pathParams[0] ?? ctx.account ?? PLATFORM_ACCOUNT;
    if (isBadAccountId(id)) throw missing('account', id, 'account');
    return { body: accountObject(id) };
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions$/,
      operation: 'checkout.create',
      handler: createSession,
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      operation: 'checkout.retrieve',
      handler: retrieveSession,
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
      operation: 'checkout.line_items',
      handler: listLineItems,
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      operation: 'checkout.expire',
      handler: expireSessionApi,
    },
    { method: 'POST', pattern: /^\/v1\/refunds$/, operation: 'refund.create', handler: createRefund },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds\/([^/]+)$/,
      operation: 'refund.retrieve',
      handler: retrieveRefund,
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      operation: 'payment_intent.retrieve',
      handler: retrievePaymentIntent,
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      operation: 'customer.retrieve',
      handler: retrieveCustomer,
    },
    {
      method: 'GET',
      pattern: /^\/v1\/accounts\/([^/]+)$/,
      operation: 'account.retrieve',
      handler: retrieveAccount,
    },
    { method: 'GET', pattern: /^\/v1\/account$/, operation: 'account.retrieve', handler: retrieveAccount },
    {
      method: 'GET',
      pattern: /^\/v1\/events\/([^/]+)$/,
      operation: 'event.retrieve',
      handler: retrieveEvent,
    },
  ];

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const account = headerValue(req, 'stripe-account');
    const idempotencyKey = headerValue(req, 'idempotency-key');
    const record: RecordedRequest = {
      requestId: ids.request(),
      method,
      path: url.pathname,
      query: url.search,
      account,
      idempotencyKey,
      apiVersion: headerValue(req, 'stripe-version'),
      params: {},
      status: 0,
      replayed: false,
      at: now(),
    };
    requests.push(record);

    let status = 200;
    let body: unknown;
    let shouldRetry: boolean | undefined;
    try {
      const raw = await readBody(req);
      const key = parseAuth(headerValue(req, 'authorization') ?? undefined);
      if (!key) {
        throw new ApiError(401, {
          type: 'invalid_request_error',
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        });
      }
      if (!/^(sk|rk)_test_\S+$/.test(key)) {
        throw new ApiError(401, {
          type: 'invalid_request_error',
          code: 'api_key_invalid',
          message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)} (the Stripe emulator only accepts test-mode secret keys, sk_test_…)`,
        });
      }
      const query = parseForm(url.search.slice(1));
      const form = method === 'POST' ? parseForm(raw) : {};
      const params: FormObject = { ...query, ...form };
      record.params = params;
      if (account !== null && isBadAccountId(account)) {
        throw new ApiError(403, {
          type: 'invalid_request_error',
          code: 'account_invalid',
          message: `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        });
      }
      let route: Route | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of routes) {
        if (candidate.method !== method) continue;
        match = candidate.pattern.exec(url.pathname);
        if (match) {
          route = candidate;
          break;
        }
      }
      if (!route || !match) {
        throw new ApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/. (Not emulated by the Stripe emulator.)`,
        });
      }
      const queued = failures.get(route.operation)?.shift();
      if (queued) throw injectedToApiError(queued);

      const useIdempotency = method === 'POST' && idempotencyKey !== null && idempotencyKey !== '';
      const storeKey = `${account ?? ''}\u0000${idempotencyKey ?? ''}`;
      const fingerprint = createHash('sha256')
        .update(`${method} ${url.pathname} ${stableStringify(params)}`)
        .digest('hex');
      const previous = useIdempotency ? idempotency.get(storeKey) : undefined;
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new ApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        status = previous.status;
        body = clone(previous.body);
        record.replayed = true;
      } else {
        const ctx: ApiContext = {
          params,
          account,
          pathParams: match.slice(1).map((part) => decodeURIComponent(part)),
          request: { id: record.requestId, idempotency_key: idempotencyKey },
        };
        try {
          const result = route.handler(ctx);
          status = result.status ?? 200;
          body = result.body;
        } catch (error) {
          if (error instanceof ApiError && error.saveIdempotently && useIdempotency) {
            idempotency.set(storeKey, { fingerprint, status: error.status, body: { error: error.body } });
          }
          throw error;
        }
        if (useIdempotency) idempotency.set(storeKey, { fingerprint, status, body: clone(body) });
      }
    } catch (error) {
      if (error instanceof ApiError) {
        status = error.status;
        body = { error: error.body };
        shouldRetry = error.shouldRetry;
      } else if (error instanceof FormParseError) {
        status = 400;
        body = {
          error: {
            type: 'invalid_request_error',
            message: error.message,
            ...(error.param ? { param: error.param } : {}),
          },
        };
      } else {
        status = 500;
        body = {
          error: {
            type: 'api_error',
            message: `Stripe emulator bug: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
        shouldRetry = false;
      }
    }

    record.status = status;
    const payload = JSON.stringify(body, null, 2);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      'request-id': record.requestId,
      'stripe-version': record.apiVersion ?? Stripe.API_VERSION,
      'cache-control': 'no-cache, no-store',
    };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (record.replayed) headers['idempotent-replayed'] = 'true';
    if (shouldRetry !== undefined) headers['stripe-should-retry'] = String(shouldRetry);
    res.writeHead(status, headers);
    res.end(payload);
    options.onRequest?.(record);
  }

  // --- hosted checkout page ----------------------------------------------------------------------

  function redirectTarget(template: string | null, id: string): string {
    if (!template) return `${baseUrl}/checkout/${encodeURIComponent(id)}`;
    return template.replaceAll(SESSION_ID_PLACEHOLDER, id);
  }

  function sendHtml(res: http.ServerResponse, status: number, html: string): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(html)),
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(html);
  }

  function redirect(res: http.ServerResponse, location: string): void {
    res.writeHead(303, { location, 'content-length': '0', 'cache-control': 'no-store' });
    res.end();
  }

  function pageShell(title: string, content: string, text: CheckoutText = checkoutText('en')): string {
    return `<!doctype html>
<html lang="${escapeHtml(text.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
  .banner { background: #ffd84d; color: #3d2e00; padding: 0.6rem 1rem; text-align: center; font-weight: 600; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
  .total { font-size: 2rem; font-weight: 700; margin: 0.5rem 0 1rem; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
  td { padding: 0.3rem 0; border-bottom: 1px solid #e3e8ee; }
  td.amount { text-align: right; }
  .muted { color: #697386; font-size: 0.875rem; }
  .state { padding: 0.75rem 1rem; border-radius: 6px; background: #eef1f5; font-weight: 600; }
  form { margin: 0.5rem 0; }
  button { width: 100%; padding: 0.75rem; font-size: 1rem; border-radius: 6px; border: 1px solid #c1c9d2; background: #fff; cursor: pointer; }
  button.pay { background: #635bff; color: #fff; border-color: #635bff; font-weight: 600; }
  button.fail { color: #b3093c; }
</style>
</head>
<body>
<header><div class="banner" role="note">${escapeHtml(text.banner)}</div></header>
<main>
${content}
</main>
</body>
</html>
`;
  }

  /** The hosted page in the session's `locale` (else the browser's language), as Stripe shows it. */
  function renderSession(record: SessionRecord, acceptLanguage: string | undefined, closed = false): string {
    const session = record.object;
    const text = checkoutText(session.locale, acceptLanguage);
    const notice = closed ? text.closed : undefined;
    const total = formatAmount(session.amount_total, session.currency, text.lang);
    const name = record.lineItems.map((item) => item.description).join(', ');
    const rows = record.lineItems
      .map(
        (item) =>
          `<tr><td>${escapeHtml(item.description)}${item.quantity > 1 ? ` × ${escapeHtml(item.quantity)}` : ''}</td><td class="amount">${escapeHtml(formatAmount(item.amount_total, item.currency, text.lang))}</td></tr>`,
      )
      .join('\n');
    const action = (what: string) => escapeHtml(`/checkout/${encodeURIComponent(session.id)}/${what}`);
    let body: string;
    if (session.status === 'open') {
      body = `<form method="post" action="${action('pay')}"><button class="pay" type="submit">${escapeHtml(text.pay(total))}</button></form>
<form method="post" action="${action('cancel')}"><button type="submit">${escapeHtml(text.cancel)}</button></form>
<form method="post" action="${action('fail')}"><button class="fail" type="submit">${escapeHtml(text.decline)}</button></form>
<p class="muted">${escapeHtml(text.expires(new Date(session.expires_at * 1000).toISOString()))}</p>`;
    } else if (session.status === 'expired') {
      body = `<p class="state">${escapeHtml(text.expired)}</p>`;
      if (session.cancel_url)
        body += `\n<p><a href="${escapeHtml(session.cancel_url)}">${escapeHtml(text.back)}</a></p>`;
    } else if (session.payment_status === 'paid') {
      body = `<p class="state">${escapeHtml(text.paid)}</p>`;
      if (session.success_url) {
        body += `\n<p><a href="${escapeHtml(redirectTarget(session.success_url, session.id))}">${escapeHtml(text.back)}</a></p>`;
      }
    } else {
      body = `<p class="state">${escapeHtml(text.failed)}</p>`;
      if (session.cancel_url)
        body += `\n<p><a href="${escapeHtml(session.cancel_url)}">${escapeHtml(text.back)}</a></p>`;
    }
    return pageShell(
      text.title(name),
      `${notice ? `<p class="state">${escapeHtml(notice)}</p>\n` : ''}<h1>${escapeHtml(name)}</h1>
<p class="total">${escapeHtml(total)}</p>
<table>
${rows}
</table>
${session.customer_email ? `<p class="muted">${escapeHtml(text.email(session.customer_email))}</p>\n` : ''}${record.account ? `<p class="muted">${escapeHtml(text.merchant(record.account))}</p>\n` : ''}<p class="muted">${escapeHtml(text.session(session.id))}</p>
${body}`,
      text,
    );
  }

  async function handlePage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const match = /^\/checkout\/([^/]+)(?:\/(pay|cancel|fail))?$/.exec(url.pathname);
    const method = req.method ?? 'GET';
    await readBody(req).catch(() => '');
    if (!match) return sendHtml(res, 404, pageShell('Not found', '<p class="state">Not found.</p>'));
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return sendHtml(res, 404, pageShell('Not found', '<p class="state">Not found.</p>'));
    }
    const action = match[2];
    const record = sessions.get(id);
    const acceptLanguage = req.headers['accept-language'];
    if (!record) {
      return sendHtml(
        res,
        404,
        pageShell('Checkout session not found', '<p class="state">No such checkout session.</p>'),
      );
    }
    if (isDue(record)) await settle(record, [expireSession(record)]);
    if (!action) {
      if (method !== 'GET' && method !== 'HEAD')
        return sendHtml(res, 405, pageShell('Method not allowed', ''));
      return sendHtml(res, 200, renderSession(record, acceptLanguage));
    }
    if (method !== 'POST')
      return sendHtml(res, 405, pageShell('Method not allowed', '<p class="state">Use the buttons.</p>'));
    const session = record.object;
    if (session.status !== 'open') {
      return sendHtml(res, 409, renderSession(record, acceptLanguage, true));
    }
    if (action === 'pay') {
      const { emitted } = completeSession(record, true);
      await settle(record, emitted);
      return redirect(res, redirectTarget(session.success_url, session.id));
    }
    if (action === 'fail') {
      const { emitted } = completeSession(record, false);
      await settle(record, emitted);
      return redirect(res, redirectTarget(session.cancel_url, session.id));
    }
    if (expireOnCancel) await settle(record, [expireSession(record)]);
    return redirect(res, redirectTarget(session.cancel_url, session.id));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      if (url.pathname.startsWith('/v1/')) return await handleApi(req, res, url);
      if (url.pathname.startsWith('/checkout/')) return await handlePage(req, res, url);
      if (url.pathname.startsWith('/connect/')) return await connect.handlePage(req, res, url);
      if (url.pathname === '/' && req.method === 'GET') {
        return sendHtml(
          res,
          200,
          pageShell(
            'Stripe emulator',
            `<h1>Stripe emulator</h1><p>${escapeHtml(sessions.size)} checkout sessions, ${escapeHtml(events.size)} events. Webhooks go to ${escapeHtml(webhookUrl ?? '(nowhere)')}.</p>`,
          ),
        );
      }
      return sendHtml(res, 404, pageShell('Not found', '<p class="state">Not found.</p>'));
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Stripe emulator error: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        res.destroy();
      }
    }
  }

  // --- Connect onboarding (connect.ts) -------------------------------------------------------------

  const connect = createConnect({
    nowSec,
    baseUrl: () => baseUrl,
    randomId,
    emit: (type, account, object, previous, request) => emit(type, account, object, request, previous),
    invalid,
    missing,
    rejectUnknown,
    optNonEmpty,
    readMetadata,
    escapeHtml,
    pageShell,
    sendHtml,
    redirect,
    readBody,
  });
  routes.push(...connect.routes);

  // --- server ------------------------------------------------------------------------------------

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  baseUrl = (options.publicUrl ?? `http://${urlHost}:${port}`).replace(/\/+$/, '');

  const sweepMs = options.expirySweepMs ?? 1000;
  const sweep = async (): Promise<DeliveryResult[]> => {
    const emitted = [...sessions.values()].filter(isDue).map((record) => expireSession(record));
    const results = await Promise.all(emitted.map((e) => e.delivery));
    return results.filter((r): r is DeliveryResult => r !== null);
  };
  const timer = sweepMs > 0 ? setInterval(() => void sweep(), sweepMs) : null;
  timer?.unref();

  const requireOpen = (record: SessionRecord, action: string) => {
    if (isDue(record)) {
      throw new Error(`Stripe emulator: cannot ${action} ${record.object.id}: it is past expires_at`);
    }
    if (record.object.status !== 'open') {
      throw new Error(
        `Stripe emulator: cannot ${action} ${record.object.id}: its status is ${record.object.status}`,
      );
    }
  };

  return {
    url: baseUrl,
    port,
    get webhookUrl() {
      return webhookUrl;
    },
    setWebhookUrl(next) {
      webhookUrl = next;
    },
    async close() {
      if (timer) clearInterval(timer);
      closing.abort();
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },

    async pay(sessionId, opts = {}) {
      const record = sessionRecord(sessionId);
      const status = record.object.status;
      if (!(opts.evenIfExpired && (status === 'expired' || isDue(record)))) requireOpen(record, 'pay');
      const { intent, emitted } = completeSession(record, true);
      return settle(record, emitted, intent);
    },
    async cancel(sessionId) {
      const record = sessionRecord(sessionId);
      requireOpen(record, 'cancel');
      return settle(record, expireOnCancel ? [expireSession(record)] : []);
    },
    async failPayment(sessionId) {
      const record = sessionRecord(sessionId);
      requireOpen(record, 'fail the payment of');
      const { intent, emitted } = completeSession(record, false);
      return settle(record, emitted, intent);
    },
    async expire(sessionId) {
      const record = sessionRecord(sessionId);
      if (record.object.status !== 'open') {
        throw new Error(`Stripe emulator: cannot expire ${sessionId}: its status is ${record.object.status}`);
      }
      return settle(record, [expireSession(record)]);
    },
    sweep,
    failNext(operation, error) {
      const queue = failures.get(operation) ?? [];
      queue.push(error ?? { status: 500 });
      failures.set(operation, queue);
    },
    async resendEvent(eventId) {
      const found = events.get(eventId);
      if (!found) throw new Error(`Stripe emulator: no event ${eventId}`);
      return track(deliver(found.object));
    },
    signEvent,
    async flushWebhooks() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    setAccount(id, patch) {
      accountPatches.set(id, { ...accountPatches.get(id), ...clone(patch) });
    },
    accounts: () => connect.accounts(),
    accountLinks: () => connect.accountLinks(),
    completeOnboarding: (accountId, opts) => connect.completeOnboarding(accountId, opts),
    async updateAccount(accountId, patch) {
      const { account, event, delivery } = connect.updateAccount(accountId, patch);
      return { account, event, delivery: await delivery };
    },
    reset() {
      for (const map of [
        sessions,
        paymentIntents,
        customers,
        refunds,
        events,
        accountPatches,
        idempotency,
        failures,
      ]) {
        map.clear();
      }
      requests.length = 0;
      deliveries.length = 0;
      connect.reset();
    },

    deliveries,
    requests,
    sessions: () => [...sessions.values()].map((r) => clone(r.object)),
    session: (id) => {
      const record = sessions.get(id);
      return record ? clone(record.object) : undefined;
    },
    refunds: () => [...refunds.values()].map((r) => clone(r.object)),
    paymentIntents: () => [...paymentIntents.values()].map((r) => clone(r.object)),
    events: () => [...events.values()].map((r) => clone(r.object)),
  };
}
