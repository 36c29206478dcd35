import { missing } from './api-error.ts';
import type {
  DeliveryResult,
  FailableOperation,
  InjectedError,
  RecordedRequest,
  StripeEmulatorOptions,
} from './emulator-types.ts';
import type { FormObject } from './form.ts';
import type {
  Account,
  CheckoutSession,
  Customer,
  LineItem,
  Metadata,
  PaymentIntent,
  Refund,
  StripeEvent,
} from './stripe-objects.ts';

export const clone = <T>(value: T): T => structuredClone(value);

export interface Owned<T> {
  account: string | null;
  object: T;
}

export interface SessionRecord extends Owned<CheckoutSession> {
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

export interface PaymentIntentRecord extends Owned<PaymentIntent> {
  refunded: number;
  sessionId: string;
}

export interface IdempotentResult {
  fingerprint: string;
  status: number;
  body: unknown;
}

export interface ApiContext {
  params: FormObject;
  account: string | null;
  pathParams: string[];
  request: { id: string; idempotency_key: string | null };
}

export interface ApiResult {
  status?: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  operation: FailableOperation;
  handler: (ctx: ApiContext) => ApiResult;
}

/** The parts of the emulator destructure these once, so `reset()` must empty them in place. */
export interface EmulatorState {
  readonly options: StripeEmulatorOptions;
  readonly now: () => Date;
  readonly nowSec: () => number;
  readonly deliverWebhooks: boolean;
  readonly expireOnCancel: boolean;
  readonly webhookTimeoutMs: number;
  webhookUrl: string | undefined;
  /** Known only once the server listens. */
  baseUrl: string;
  readonly sessions: Map<string, SessionRecord>;
  readonly paymentIntents: Map<string, PaymentIntentRecord>;
  readonly customers: Map<string, Owned<Customer>>;
  readonly refunds: Map<string, Owned<Refund>>;
  readonly events: Map<string, Owned<StripeEvent>>;
  readonly accountPatches: Map<string, Partial<Account>>;
  readonly idempotency: Map<string, IdempotentResult>;
  readonly failures: Map<FailableOperation, InjectedError[]>;
  readonly requests: RecordedRequest[];
  readonly deliveries: DeliveryResult[];
  readonly pending: Set<Promise<unknown>>;
  readonly closing: AbortController;
}

export function createState(options: StripeEmulatorOptions): EmulatorState {
  const now = options.now ?? (() => new Date());
  return {
    options,
    now,
    nowSec: () => Math.floor(now().getTime() / 1000),
    deliverWebhooks: options.deliverWebhooks ?? true,
    expireOnCancel: options.expireOnCancel ?? true,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    webhookUrl: options.webhookUrl,
    baseUrl: '',
    sessions: new Map(),
    paymentIntents: new Map(),
    customers: new Map(),
    refunds: new Map(),
    events: new Map(),
    accountPatches: new Map(),
    idempotency: new Map(),
    failures: new Map(),
    requests: [],
    deliveries: [],
    pending: new Set(),
    closing: new AbortController(),
  };
}

export function lookup<T>(
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
