import { invalid } from './api-error.ts';
import { ids } from './ids.ts';
import { PAYMENT_INTENT_DATA_PARAMS, SESSION_CREATE_PARAMS } from './known-params.ts';
import { readLineItems } from './line-items.ts';
import {
  optInteger,
  optNonEmpty,
  optObject,
  readExpand,
  readMetadata,
  readUrl,
  rejectUnknown,
} from './params.ts';
import type { SessionLifecycle } from './session-lifecycle.ts';
import {
  type ApiContext,
  type ApiResult,
  clone,
  type EmulatorState,
  lookup,
  type SessionRecord,
} from './state.ts';
import type { CheckoutSession } from './stripe-objects.ts';

const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 60 * 60;
/** Slack for `expires_at` bounds, covering the time between the caller computing it and us checking. */
const EXPIRY_SLACK_S = 5;

export function createCheckoutApi(state: EmulatorState, { expireSession }: SessionLifecycle) {
  const { nowSec, sessions, paymentIntents, customers } = state;

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
    const { lineItems, currency } = readLineItems(rawItems, created);
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
      url: `${state.baseUrl}/checkout/${id}`,
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

  return { createSession, retrieveSession, listLineItems, expireSessionApi };
}

export type CheckoutApi = ReturnType<typeof createCheckoutApi>;
