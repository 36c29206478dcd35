import { invalid, missing } from './api-error.ts';
import type { Connect } from './connect.ts';
import { isBadAccountId } from './ids.ts';
import { readExpand, rejectUnknown } from './params.ts';
import { type ApiContext, type ApiResult, clone, type EmulatorState, lookup } from './state.ts';
import type { Account } from './stripe-objects.ts';

const PLATFORM_ACCOUNT = 'acct_1EmulatorPlatform0';

export function createRetrieveApi(state: EmulatorState, connect: Connect) {
  const { paymentIntents, customers, events, accountPatches } = state;

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

  return { retrievePaymentIntent, retrieveCustomer, retrieveEvent, retrieveAccount };
}

export type RetrieveApi = ReturnType<typeof createRetrieveApi>;
