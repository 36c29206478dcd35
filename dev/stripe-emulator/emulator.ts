/**
 * A local stand-in for the slice of the Stripe API the booking service uses: Checkout Sessions
 * (payment mode, inline `price_data`), refunds, payment intents, connected accounts, signed
 * webhook events and a hosted checkout page. The official SDK talks to it unchanged:
 *
 *   new Stripe('sk_test_emulator', { host: '127.0.0.1', port, protocol: 'http' })
 *
 * Everything is in memory; see README.md for what is and is not emulated.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invalid, missing } from './api-error.ts';
import { createApiHandler } from './api-handler.ts';
import { apiRoutes } from './api-routes.ts';
import { createCheckoutApi } from './checkout-api.ts';
import { createCheckoutPage } from './checkout-page.ts';
import { createConnect } from './connect.ts';
import type { StripeEmulator } from './emulator-interface.ts';
import type { DeliveryResult, StripeEmulatorOptions } from './emulator-types.ts';
import { escapeHtml } from './format.ts';
import { pageShell, redirect, sendHtml } from './html-page.ts';
import { randomId } from './ids.ts';
import { optNonEmpty, readMetadata, rejectUnknown } from './params.ts';
import { readBody } from './read-request.ts';
import { createRefundsApi } from './refunds-api.ts';
import { createRetrieveApi } from './retrieve-api.ts';
import { createSessionLifecycle } from './session-lifecycle.ts';
import { clone, createState, type SessionRecord } from './state.ts';
import { createWebhooks } from './webhooks.ts';

export type { StripeEmulator } from './emulator-interface.ts';
export type {
  CheckoutResult,
  DeliveryResult,
  FailableOperation,
  InjectedError,
  RecordedRequest,
  StripeEmulatorOptions,
} from './emulator-types.ts';
export { escapeHtml, formatAmount } from './format.ts';
export type {
  Account,
  CheckoutSession,
  Customer,
  CustomerDetails,
  LineItem,
  Metadata,
  PaymentIntent,
  Price,
  Refund,
  StripeEvent,
} from './stripe-objects.ts';

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const state = createState(options);
  const host = options.host ?? '127.0.0.1';
  const {
    sessions,
    paymentIntents,
    customers,
    refunds,
    events,
    accountPatches,
    idempotency,
    failures,
    requests,
    deliveries,
    pending,
    closing,
    expireOnCancel,
  } = state;
  const webhooks = createWebhooks(state);
  const { signEvent, deliver, track, emit } = webhooks;
  const lifecycle = createSessionLifecycle(state, webhooks);
  const { sessionRecord, isDue, expireSession, completeSession, settle } = lifecycle;

  const connect = createConnect({
    nowSec: state.nowSec,
    baseUrl: () => state.baseUrl,
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

  const handleApi = createApiHandler(
    state,
    apiRoutes(
      createCheckoutApi(state, lifecycle),
      createRefundsApi(state),
      createRetrieveApi(state, connect),
      connect,
    ),
  );
  const checkoutPage = createCheckoutPage(state, lifecycle);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      if (url.pathname.startsWith('/v1/')) return await handleApi(req, res, url);
      if (url.pathname.startsWith('/checkout/')) return await checkoutPage.handlePage(req, res, url);
      if (url.pathname.startsWith('/connect/')) return await connect.handlePage(req, res, url);
      if (url.pathname === '/' && req.method === 'GET') {
        return sendHtml(
          res,
          200,
          pageShell(
            'Stripe emulator',
            `<h1>Stripe emulator</h1><p>${escapeHtml(sessions.size)} checkout sessions, ${escapeHtml(events.size)} events. Webhooks go to ${escapeHtml(state.webhookUrl ?? '(nowhere)')}.</p>`,
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
  state.baseUrl = (options.publicUrl ?? `http://${urlHost}:${port}`).replace(/\/+$/, '');

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
    url: state.baseUrl,
    port,
    get webhookUrl() {
      return state.webhookUrl;
    },
    setWebhookUrl(next) {
      state.webhookUrl = next;
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
