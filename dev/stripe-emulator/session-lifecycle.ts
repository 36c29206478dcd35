import type { CheckoutResult, DeliveryResult } from './emulator-types.ts';
import { ids, randomId } from './ids.ts';
import { clone, type EmulatorState, type SessionRecord } from './state.ts';
import type {
  CheckoutSession,
  Customer,
  CustomerDetails,
  PaymentIntent,
  StripeEvent,
} from './stripe-objects.ts';
import type { Webhooks } from './webhooks.ts';

/** What paying, failing and expiring do to a checkout session, its customer and its payment intent. */
export function createSessionLifecycle(state: EmulatorState, { emit }: Webhooks) {
  const { nowSec, sessions, customers, paymentIntents } = state;

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

  return { settle, sessionRecord, isDue, expireSession, completeSession };
}

export type SessionLifecycle = ReturnType<typeof createSessionLifecycle>;
