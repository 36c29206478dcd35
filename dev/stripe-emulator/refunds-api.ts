import { ApiError, invalid } from './api-error.ts';
import { formatAmount } from './format.ts';
import { ids } from './ids.ts';
import { REFUND_CREATE_PARAMS } from './known-params.ts';
import { optInteger, optNonEmpty, readExpand, readMetadata, rejectUnknown } from './params.ts';
import {
  type ApiContext,
  type ApiResult,
  clone,
  type EmulatorState,
  lookup,
  type PaymentIntentRecord,
} from './state.ts';
import type { Refund } from './stripe-objects.ts';

export function createRefundsApi(state: EmulatorState) {
  const { nowSec, paymentIntents, refunds } = state;

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

  return { createRefund, retrieveRefund };
}

export type RefundsApi = ReturnType<typeof createRefundsApi>;
