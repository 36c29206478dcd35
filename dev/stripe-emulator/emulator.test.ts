import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StripeEmulator, startStripeEmulator } from './emulator.ts';

const SECRET = 'whsec_test_emulator';
const START = Date.parse('2031-03-01T10:00:00Z');

interface Received {
  event: Stripe.Event;
  raw: string;
}

/** A webhook endpoint that accepts only events `stripe.webhooks.constructEvent` verifies. */
async function startReceiver() {
  const received: Received[] = [];
  let rejected = 0;
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        const event = Stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] ?? '', SECRET);
        received.push({ event, raw });
      } catch {
        rejected++;
        res.writeHead(400).end('bad signature');
        return;
      }
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    get rejected() {
      return rejected;
    },
    setStatus(next: number) {
      status = next;
    },
    types: () => received.map((r) => r.event.type),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let clock = START;
let emulator: StripeEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let stripe: Stripe;

const nowSec = () => Math.floor(clock / 1000);

function sessionParams(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return {
    mode: 'payment',
    line_items: [
      {
        price_data: { currency: 'EUR', unit_amount: 1500, product_data: { name: 'Pottery wheel taster' } },
        quantity: 2,
      },
    ],
    customer_email: 'ada@example.com',
    client_reference_id: 'bk_42',
    metadata: { bookingUid: 'bk_42', note: 'a & b = c ü' },
    success_url: 'https://shop.example/success?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://shop.example/cancel',
    expires_at: nowSec() + 31 * 60,
    ...overrides,
  } satisfies Stripe.Checkout.SessionCreateParams;
}

function client(key = 'sk_test_emulator', extra: Stripe.StripeConfig = {}) {
  return new Stripe(key, { host: '127.0.0.1', port: emulator.port, protocol: 'http', ...extra });
}

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startStripeEmulator({
    webhookSecret: SECRET,
    webhookUrl: receiver.url,
    now: () => new Date(clock),
    expirySweepMs: 0,
  });
  stripe = client();
});

afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

beforeEach(() => {
  clock = START;
  emulator.reset();
  emulator.setWebhookUrl(receiver.url);
  receiver.received.length = 0;
  receiver.setStatus(200);
});

describe('checkout sessions', () => {
  it('creates and retrieves a session shaped like Stripe', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: 'acct_tenant1' });
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      url: `${emulator.url}/checkout/${session.id}`,
      status: 'open',
      payment_status: 'unpaid',
      mode: 'payment',
      amount_subtotal: 3000,
      amount_total: 3000,
      currency: 'eur',
      created: nowSec(),
      expires_at: nowSec() + 31 * 60,
      payment_intent: null,
      customer: null,
      customer_email: 'ada@example.com',
      client_reference_id: 'bk_42',
      metadata: { bookingUid: 'bk_42', note: 'a & b = c ü' },
      success_url: 'https://shop.example/success?session={CHECKOUT_SESSION_ID}',
      livemode: false,
    });

    const again = await stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ['line_items'] },
      { stripeAccount: 'acct_tenant1' },
    );
    expect(again.id).toBe(session.id);
    expect(again.line_items?.data[0]).toMatchObject({
      object: 'item',
      description: 'Pottery wheel taster',
      quantity: 2,
      amount_total: 3000,
      price: { unit_amount: 1500, currency: 'eur', type: 'one_time' },
    });

    const [create, retrieve] = emulator.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v1/checkout/sessions',
      account: 'acct_tenant1',
      status: 200,
      apiVersion: Stripe.API_VERSION,
    });
    // The SDK keys every POST itself.
    expect(create?.idempotencyKey).toMatch(/^stripe-node-retry-[0-9a-f-]{36}$/);
    expect(create?.params.line_items).toEqual([
      {
        price_data: { currency: 'EUR', unit_amount: '1500', product_data: { name: 'Pottery wheel taster' } },
        quantity: '2',
      },
    ]);
    expect(retrieve).toMatchObject({ method: 'GET', idempotencyKey: null, query: '?expand[0]=line_items' });
  });

  it('validates expires_at, unknown parameters and required fields like Stripe', async () => {
    const fail = (params: Partial<Stripe.Checkout.SessionCreateParams>, options?: Stripe.RequestOptions) =>
      stripe.checkout.sessions.create(sessionParams(params), options).then(
        () => {
          throw new Error('expected a Stripe error');
        },
        (error: unknown) => error as Stripe.errors.StripeError,
      );

    const tooSoon = await fail({ expires_at: nowSec() + 10 * 60 });
    expect(tooSoon).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooSoon).toMatchObject({ statusCode: 400, param: 'expires_at' });
    expect(await fail({ expires_at: nowSec() + 25 * 3600 })).toMatchObject({ param: 'expires_at' });

    const unknown = await fail({ metdata: { a: 'b' } } as never);
    expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'metdata' });

    const noQuantity = await fail({
      line_items: [{ price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'x' } } }],
    });
    expect(noQuantity).toMatchObject({ code: 'parameter_missing', param: 'line_items[0][quantity]' });

    const fee = await fail({ payment_intent_data: { application_fee_amount: 100 } });
    expect(fee.param).toBe('payment_intent_data[application_fee_amount]');
    expect(emulator.sessions()).toHaveLength(0);
  });

  it('accepts the 24 h maximum expiry', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({ expires_at: nowSec() + 24 * 3600 }),
    );
    expect(session.expires_at).toBe(nowSec() + 24 * 3600);
  });

  it('expires open sessions only, sending a verified checkout.session.expired', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: 'acct_tenant1' });
    const expired = await stripe.checkout.sessions.expire(session.id, {}, { stripeAccount: 'acct_tenant1' });
    expect(expired).toMatchObject({ status: 'expired', payment_status: 'unpaid', url: null });
    await emulator.flushWebhooks();
    expect(receiver.received).toHaveLength(1);
    const event = receiver.received[0]!.event;
    expect(event).toMatchObject({
      object: 'event',
      type: 'checkout.session.expired',
      account: 'acct_tenant1',
      livemode: false,
      api_version: Stripe.API_VERSION,
      data: { object: { id: session.id, status: 'expired' } },
    });
    expect(event.id).toMatch(/^evt_/);
    expect(event.request?.id).toMatch(/^req_/);

    await expect(
      stripe.checkout.sessions.expire(session.id, {}, { stripeAccount: 'acct_tenant1' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
  });

  it('keeps connected accounts apart', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: 'acct_tenantA' });
    await expect(
      stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: 'acct_tenantB' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing' });
    await expect(stripe.checkout.sessions.retrieve(session.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      stripe.checkout.sessions.expire(session.id, {}, { stripeAccount: 'acct_tenantB' }),
    ).rejects.toMatchObject({ statusCode: 404 });

    const { paymentIntent } = await emulator.pay(session.id);
    await expect(
      stripe.paymentIntents.retrieve(paymentIntent!.id, {}, { stripeAccount: 'acct_tenantB' }),
    ).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      stripe.refunds.create({ payment_intent: paymentIntent!.id }, { stripeAccount: 'acct_tenantB' }),
    ).rejects.toMatchObject({ statusCode: 404, param: 'payment_intent' });

    await expect(
      stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: 'acct_invalid1' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripePermissionError);
  });
});

describe('idempotency', () => {
  it('replays the stored response for the same key and parameters', async () => {
    const params = sessionParams();
    const opts = { stripeAccount: 'acct_tenant1', idempotencyKey: 'hold-42' };
    const first = await stripe.checkout.sessions.create(params, opts);
    const second = await stripe.checkout.sessions.create(params, opts);
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emulator.sessions()).toHaveLength(1);
    expect(emulator.requests.map((r) => r.replayed)).toEqual([false, true]);

    // Keys are per account.
    const other = await stripe.checkout.sessions.create(params, { ...opts, stripeAccount: 'acct_tenant2' });
    expect(other.id).not.toBe(first.id);
  });

  it('rejects the same key with different parameters', async () => {
    const opts = { idempotencyKey: 'hold-43' };
    await stripe.checkout.sessions.create(sessionParams(), opts);
    const error = await stripe.checkout.sessions
      .create(sessionParams({ client_reference_id: 'other' }), opts)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });
});

describe('payments and refunds', () => {
  it('pays, exposes the payment intent and refunds partially, fully and not more', async () => {
    const acct = { stripeAccount: 'acct_tenant1' };
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        payment_intent_data: { application_fee_amount: 300, metadata: { bookingUid: 'bk_42' } },
      }),
      acct,
    );
    const paid = await emulator.pay(session.id);
    expect(paid.session).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect(paid.deliveries).toEqual([
      expect.objectContaining({ type: 'checkout.session.completed', status: 200 }),
    ]);

    const retrieved = await stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ['payment_intent'] },
      acct,
    );
    const intent = retrieved.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 3000,
      amount_received: 3000,
      currency: 'eur',
      application_fee_amount: 300,
      metadata: { bookingUid: 'bk_42' },
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.latest_charge).toMatch(/^ch_/);
    expect(intent.customer).toMatch(/^cus_/);
    expect(retrieved.customer).toBe(intent.customer);
    expect((await stripe.paymentIntents.retrieve(intent.id, {}, acct)).id).toBe(intent.id);

    const partial = await stripe.refunds.create(
      {
        payment_intent: intent.id,
        amount: 1000,
        reason: 'requested_by_customer',
        metadata: { why: 'moved' },
      },
      acct,
    );
    expect(partial).toMatchObject({
      object: 'refund',
      status: 'succeeded',
      amount: 1000,
      currency: 'eur',
      payment_intent: intent.id,
      metadata: { why: 'moved' },
    });
    expect(partial.id).toMatch(/^re_/);
    expect((await stripe.refunds.retrieve(partial.id, {}, acct)).amount).toBe(1000);
    await expect(stripe.refunds.retrieve(partial.id)).rejects.toMatchObject({ statusCode: 404 });

    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 2500 }, acct),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'charge_already_refunded',
    });
    const rest = await stripe.refunds.create({ payment_intent: intent.id }, acct);
    expect(rest.amount).toBe(2000);
    await expect(stripe.refunds.create({ payment_intent: intent.id }, acct)).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
    expect(emulator.refunds().map((r) => r.amount)).toEqual([1000, 2000]);
  });

  it('refuses to pay twice or after expiry unless asked to', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await emulator.expire(session.id);
    await expect(emulator.pay(session.id)).rejects.toThrow(/expired/);
    const late = await emulator.pay(session.id, { evenIfExpired: true });
    expect(late.session).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect(receiver.types()).toEqual(['checkout.session.expired', 'checkout.session.completed']);
    await expect(emulator.pay(session.id, { evenIfExpired: true })).rejects.toThrow(/complete/);
  });
});

describe('accounts', () => {
  it('retrieves connected accounts and 404s bad ids', async () => {
    const account = await stripe.accounts.retrieve('acct_1Tenant');
    expect(account).toMatchObject({
      id: 'acct_1Tenant',
      object: 'account',
      charges_enabled: true,
      details_submitted: true,
    });
    for (const id of ['acct_invalid', 'ba_123']) {
      await expect(stripe.accounts.retrieve(id)).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 404,
        code: 'resource_missing',
      });
    }
    emulator.setAccount('acct_1Pending', { charges_enabled: false });
    expect((await stripe.accounts.retrieve('acct_1Pending')).charges_enabled).toBe(false);
  });

  it('requires a test-mode secret key', async () => {
    await expect(client('sk_live_123456789').accounts.retrieve('acct_1Tenant')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const response = await fetch(`${emulator.url}/v1/accounts/acct_1Tenant`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('answers unknown endpoints with Stripe’s 404', async () => {
    const response = await fetch(`${emulator.url}/v1/subscriptions`, {
      headers: { authorization: 'Bearer sk_test_x' },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^Unrecognized request URL \(GET: \/v1\/subscriptions\)/,
    );
  });
});

describe('hosted checkout page', () => {
  const post = (url: string) => fetch(url, { method: 'POST', redirect: 'manual' });

  it('renders an escaped page with the test-mode banner and three no-JS buttons', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        line_items: [
          {
            price_data: {
              currency: 'eur',
              unit_amount: 1500,
              product_data: { name: '<img src=x onerror=alert(1)>' },
            },
            quantity: 1,
          },
        ],
      }),
    );
    const response = await fetch(session.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('Test mode — no real money moves');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('€15.00');
    for (const action of ['pay', 'cancel', 'fail']) {
      expect(html).toContain(`<form method="post" action="/checkout/${session.id}/${action}">`);
    }
    expect(html).toContain('Simulate a declined payment');
  });

  it('shows the page in the session locale: a Spanish checkout, its amounts and its closed notice', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams({ locale: 'es' }));
    expect(session.locale).toBe('es');
    const html = await (await fetch(session.url!)).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Modo de prueba: no se mueve dinero real');
    expect(html).toContain('Pagar 30,00\u00a0€');
    expect(html).toContain('>Cancelar</button>');
    expect(html).toContain('Simular un pago rechazado');
    expect(html).not.toContain('Simulate a declined payment');
    await post(`${emulator.url}/checkout/${session.id}/cancel`);
    const closed = await (await fetch(session.url!)).text();
    expect(closed).toContain('Esta sesión de pago ha caducado.');
    expect(closed).toContain('Volver al comercio');
    const again = await post(`${emulator.url}/checkout/${session.id}/pay`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('ya no se puede pagar ni cancelar');

    // Without a locale (or `auto`), the page follows the browser, as Stripe's does.
    const auto = await stripe.checkout.sessions.create(sessionParams({ locale: 'auto' }));
    const german = await (
      await fetch(auto.url!, { headers: { 'accept-language': 'de-CH, en;q=0.5' } })
    ).text();
    expect(german).toContain('<html lang="de">');
    expect(german).toContain('Abgelehnte Zahlung simulieren');
  });

  it('Pay completes the session, sends a verified event and redirects to success_url', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: 'acct_tenant1' });
    const response = await post(`${emulator.url}/checkout/${session.id}/pay`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`https://shop.example/success?session=${session.id}`);
    expect(receiver.types()).toEqual(['checkout.session.completed']);
    const event = receiver.received[0]!.event as Stripe.CheckoutSessionCompletedEvent;
    expect(event.account).toBe('acct_tenant1');
    expect(event.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
      metadata: { bookingUid: 'bk_42' },
      client_reference_id: 'bk_42',
    });
    expect(event.data.object.payment_intent).toMatch(/^pi_/);
    expect(receiver.received[0]!.raw).toContain('\n  "id": "evt_');

    const page = await (await fetch(`${emulator.url}/checkout/${session.id}`)).text();
    expect(page).toContain('complete');
    expect(page).not.toContain('<form');
    expect((await post(`${emulator.url}/checkout/${session.id}/pay`)).status).toBe(409);
    expect(receiver.received).toHaveLength(1);
  });

  it('Cancel expires the session and redirects to cancel_url', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const response = await post(`${emulator.url}/checkout/${session.id}/cancel`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://shop.example/cancel');
    expect(receiver.types()).toEqual(['checkout.session.expired']);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
    expect(await (await fetch(session.url!)).text()).toContain('has expired');
  });

  it('a declined payment completes unpaid and sends async_payment_failed', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const response = await post(`${emulator.url}/checkout/${session.id}/fail`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://shop.example/cancel');
    expect(receiver.types()).toEqual(['checkout.session.completed', 'checkout.session.async_payment_failed']);
    for (const { event } of receiver.received) {
      expect(event.data.object).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    }
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(retrieved.payment_intent).toMatchObject({ status: 'requires_payment_method', amount_received: 0 });
    await expect(
      stripe.refunds.create({ payment_intent: (retrieved.payment_intent as Stripe.PaymentIntent).id }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('404s unknown sessions', async () => {
    expect((await fetch(`${emulator.url}/checkout/cs_test_nope`)).status).toBe(404);
  });
});

describe('expiry', () => {
  it('the sweep expires sessions whose expires_at passed by now()', async () => {
    const soon = await stripe.checkout.sessions.create(sessionParams({ expires_at: nowSec() + 30 * 60 }));
    const later = await stripe.checkout.sessions.create(sessionParams({ expires_at: nowSec() + 2 * 3600 }));
    expect(await emulator.sweep()).toEqual([]);
    clock += 30 * 60 * 1000;
    const delivered = await emulator.sweep();
    expect(delivered).toEqual([expect.objectContaining({ type: 'checkout.session.expired', ok: true })]);
    expect(emulator.session(soon.id)?.status).toBe('expired');
    expect(emulator.session(later.id)?.status).toBe('open');
    // The page notices an overdue session even before the sweep runs.
    clock += 2 * 3600 * 1000;
    expect(await (await fetch(later.url!)).text()).toContain('has expired');
    expect(receiver.types()).toEqual(['checkout.session.expired', 'checkout.session.expired']);
  });

  it('runs the sweep on a timer', async () => {
    let fakeNow = START;
    const timed = await startStripeEmulator({
      webhookSecret: SECRET,
      webhookUrl: receiver.url,
      now: () => new Date(fakeNow),
      expirySweepMs: 10,
    });
    try {
      const session = await client('sk_test_x', { port: timed.port }).checkout.sessions.create(
        sessionParams({ expires_at: Math.floor(fakeNow / 1000) + 3600 }),
      );
      fakeNow += 3601 * 1000;
      await expect.poll(() => timed.deliveries.length, { timeout: 2000, interval: 10 }).toBe(1);
      expect(timed.deliveries[0]).toMatchObject({ type: 'checkout.session.expired', status: 200 });
      expect(timed.session(session.id)?.status).toBe('expired');
    } finally {
      await timed.close();
    }
  });
});

describe('failure injection', () => {
  it('fails the next call of an operation once, without the SDK retrying it away', async () => {
    emulator.failNext('checkout.create');
    await expect(stripe.checkout.sessions.create(sessionParams())).rejects.toBeInstanceOf(
      Stripe.errors.StripeAPIError,
    );
    expect(emulator.requests).toHaveLength(1);
    await stripe.checkout.sessions.create(sessionParams());

    emulator.failNext('account.retrieve', {
      status: 403,
      type: 'invalid_request_error',
      code: 'account_invalid',
    });
    await expect(stripe.accounts.retrieve('acct_1Tenant')).rejects.toBeInstanceOf(
      Stripe.errors.StripePermissionError,
    );

    const session = await stripe.checkout.sessions.create(sessionParams());
    emulator.failNext('checkout.expire', { status: 400, message: 'nope' });
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ message: 'nope' });
    expect((await stripe.checkout.sessions.expire(session.id)).status).toBe('expired');
  });

  it('injects card errors on refunds and lets a retryable failure be retried with the same key', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const { paymentIntent } = await emulator.pay(session.id);
    emulator.failNext('refund.create', { status: 402 });
    const error = await stripe.refunds.create({ payment_intent: paymentIntent!.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });

    emulator.failNext('refund.create', { status: 500, shouldRetry: true });
    const before = emulator.requests.length;
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent!.id, amount: 100 });
    const attempts = emulator.requests.slice(before);
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(attempts[0]!.idempotencyKey).toBe(attempts[1]!.idempotencyKey);
    expect(refund.amount).toBe(100);
  });
});

describe('webhook delivery', () => {
  it('signEvent lets a test deliver the same event many times concurrently', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const { events } = await emulator.pay(session.id);
    receiver.received.length = 0;
    const { body, header } = emulator.signEvent(events[0]!);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(receiver.url, { method: 'POST', headers: { 'stripe-signature': header }, body }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses).toEqual(Array(10).fill(200));
    expect(new Set(receiver.received.map((r) => r.event.id))).toEqual(new Set([events[0]!.id]));
    expect(receiver.rejected).toBe(0);

    const forged = emulator.signEvent(events[0]!, { secret: 'whsec_wrong' });
    const rejected = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'stripe-signature': forged.header },
      body: forged.body,
    });
    expect(rejected.status).toBe(400);
  });

  it('records failed deliveries and resends on demand', async () => {
    receiver.setStatus(500);
    const session = await stripe.checkout.sessions.create(sessionParams());
    const { deliveries, events } = await emulator.pay(session.id);
    expect(deliveries[0]).toMatchObject({ status: 500, ok: false, eventId: events[0]!.id });

    receiver.setStatus(200);
    const retry = await emulator.resendEvent(events[0]!.id);
    expect(retry).toMatchObject({ status: 200, ok: true, type: 'checkout.session.completed' });

    emulator.setWebhookUrl('http://127.0.0.1:1/unreachable');
    const unreachable = await emulator.resendEvent(events[0]!.id);
    expect(unreachable).toMatchObject({ status: null, ok: false });
    expect(unreachable.error).toBeTruthy();
    expect(emulator.deliveries.map((d) => d.status)).toEqual([500, 200, null]);
  });

  it('records events without delivering when no URL is set', async () => {
    emulator.setWebhookUrl(undefined);
    const session = await stripe.checkout.sessions.create(sessionParams());
    const result = await emulator.pay(session.id);
    expect(result.deliveries).toEqual([]);
    expect(emulator.events().map((e) => e.type)).toEqual(['checkout.session.completed']);
    expect((await stripe.events.retrieve(result.events[0]!.id)).type).toBe('checkout.session.completed');
  });
});

describe('Connect onboarding', () => {
  const post = (url: string) => fetch(url, { method: 'POST', redirect: 'manual' });
  const RETURN = 'https://app.example/app/payments?stripe=return';
  const REFRESH = 'https://app.example/app/payments?stripe=refresh';

  async function newAccount() {
    return stripe.accounts.create(
      { type: 'express', country: 'GB', email: 'owner@school.example', metadata: { tenantId: '7' } },
      { idempotencyKey: `acct-${Math.random()}` },
    );
  }
  function linkFor(account: string, overrides: Partial<Stripe.AccountLinkCreateParams> = {}) {
    return stripe.accountLinks.create({
      account,
      type: 'account_onboarding',
      refresh_url: REFRESH,
      return_url: RETURN,
      ...overrides,
    });
  }

  it('creates an account that cannot take charges yet, shaped like Stripe, and retrieves it', async () => {
    const created = await newAccount();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^acct_1[A-Za-z0-9]{16}$/),
      object: 'account',
      type: 'express',
      country: 'GB',
      email: 'owner@school.example',
      metadata: { tenantId: '7' },
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      requirements: { disabled_reason: 'requirements.past_due' },
    });
    expect(created.requirements?.currently_due).toContain('external_account');
    expect(await stripe.accounts.retrieve(created.id)).toEqual(created);
    expect(emulator.accounts().map((a) => a.id)).toEqual([created.id]);
    // Ids that were never created keep answering as ready accounts (pasted credentials).
    expect((await stripe.accounts.retrieve('acct_1Pasted')).charges_enabled).toBe(true);
  });

  it('validates like Stripe and replays an idempotent create', async () => {
    await expect(stripe.accounts.create({ country: 'US' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_missing',
      param: 'type',
    });
    await expect(
      stripe.accounts.create({ type: 'express', nonsense: 1 } as Stripe.AccountCreateParams),
    ).rejects.toMatchObject({ statusCode: 400, code: 'parameter_unknown' });
    const first = await stripe.accounts.create({ type: 'standard' }, { idempotencyKey: 'tenant-7' });
    const again = await stripe.accounts.create({ type: 'standard' }, { idempotencyKey: 'tenant-7' });
    expect(again.id).toBe(first.id);
    expect(emulator.accounts()).toHaveLength(1);
    await expect(linkFor('acct_1NeverCreated')).rejects.toMatchObject({ statusCode: 404 });
    await expect(linkFor(first.id, { return_url: 'not a url' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'url_invalid',
    });
    emulator.failNext('account.create', { status: 503 });
    await expect(stripe.accounts.create({ type: 'express' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeAPIError,
    );
  });

  it('the link’s page completes onboarding, sends a verified account.updated and returns', async () => {
    const account = await newAccount();
    const link = await linkFor(account.id);
    expect(link).toMatchObject({ object: 'account_link', expires_at: link.created + 300 });
    expect(link.url).toMatch(new RegExp(`^${emulator.url}/connect/onboarding/[A-Za-z0-9]+$`));
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Test mode — no real money moves');
    expect(html).toContain(account.id);
    expect(html).toContain('external_account');
    expect(html).not.toContain('<script');
    const path = new URL(link.url).pathname;
    const done = await post(`${emulator.url}${path}/complete`);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(RETURN);
    expect(receiver.types()).toEqual(['account.updated']);
    const event = receiver.received[0]!.event as Stripe.AccountUpdatedEvent;
    expect(event.account).toBe(account.id);
    expect(event.data.object).toMatchObject({
      id: account.id,
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { currently_due: [], disabled_reason: null },
    });
    expect(event.data.previous_attributes).toMatchObject({ charges_enabled: false });
    expect((await stripe.accounts.retrieve(account.id)).charges_enabled).toBe(true);
    // Spent: visiting or submitting again sends the user to refresh_url, with no second event.
    expect((await fetch(link.url, { redirect: 'manual' })).headers.get('location')).toBe(REFRESH);
    expect((await post(`${emulator.url}${path}/complete`)).headers.get('location')).toBe(REFRESH);
    expect(receiver.received).toHaveLength(1);
  });

  it('“finish later” leaves requirements due; an expired or revisited link goes to refresh_url', async () => {
    const account = await newAccount();
    const link = await linkFor(account.id);
    await fetch(link.url);
    const later = await post(`${link.url}/later`);
    expect(later.headers.get('location')).toBe(RETURN);
    const after = await stripe.accounts.retrieve(account.id);
    expect(after).toMatchObject({ charges_enabled: false, details_submitted: false });
    expect(after.requirements?.currently_due).toEqual([
      'external_account',
      'tos_acceptance.date',
      'tos_acceptance.ip',
    ]);

    const stale = await linkFor(account.id);
    clock += 301_000;
    const response = await fetch(stale.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(REFRESH);
    expect((await fetch(`${emulator.url}/connect/onboarding/nope`)).status).toBe(404);
  });

  it('test helpers onboard and change an account, sending account.updated', async () => {
    const account = await newAccount();
    const { delivery, account: done } = await emulator.completeOnboarding(account.id);
    expect(delivery).toMatchObject({ ok: true, type: 'account.updated' });
    expect(done.charges_enabled).toBe(true);
    const changed = await emulator.updateAccount(account.id, { payouts_enabled: false });
    expect(changed.event).toMatchObject({
      type: 'account.updated',
      account: account.id,
      data: { previous_attributes: { payouts_enabled: true } },
    });
    expect((await stripe.accounts.retrieve(account.id)).payouts_enabled).toBe(false);
    emulator.reset();
    expect(emulator.accounts()).toEqual([]);
  });
});
