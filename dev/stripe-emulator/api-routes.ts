import type { CheckoutApi } from './checkout-api.ts';
import type { Connect } from './connect.ts';
import type { RefundsApi } from './refunds-api.ts';
import type { RetrieveApi } from './retrieve-api.ts';
import type { Route } from './state.ts';

export function apiRoutes(
  { createSession, retrieveSession, listLineItems, expireSessionApi }: CheckoutApi,
  { createRefund, retrieveRefund }: RefundsApi,
  { retrievePaymentIntent, retrieveCustomer, retrieveAccount, retrieveEvent }: RetrieveApi,
  connect: Connect,
): Route[] {
  return [
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
    ...connect.routes,
  ];
}
