import fc from 'fast-check';
import Stripe from 'stripe';
import { z } from 'zod';
import { HANDLED_EVENTS } from '../../src/modules/immersio/incoming-webhooks.service.ts';
import { webhookSignature } from '../../src/modules/immersio/webhook-signature.ts';
import { type Fixture, seedFor } from './harness.ts';
import { toJson } from './rest-inputs.ts';
import { fuzzArbitrary } from './zod-arbitrary.ts';

/**
 * Validly signed webhooks with malformed payloads: a signature proves who sent the bytes, not that
 * they make sense, so everything after the check must still answer 4xx or 2xx. The payload
 * shapes are written from the handlers (Stripe's events are not described by a zod schema here).
 */

export const IMMERSIO_SECRET = 'fuzz-immersio-secret-0123456789';
export const STRIPE_SECRET = 'whsec_fuzz_0123456789';

export interface SignedCase {
  target: string;
  body: string;
  headers: Record<string, string>;
  input: unknown;
}

function immersioPayload(fx: Fixture) {
  const id = z.string().trim().min(1).max(200);
  return z.object({
    event: z.enum([...HANDLED_EVENTS, 'course.archived']),
    data: z
      .object({
        orgId: z.union([z.literal(fx.orgId), z.string(), z.number()]),
        courseId: id,
        studentId: id,
        email: z.email(),
        name: z.string().max(500),
        description: z.string().nullable(),
        status: z.string().max(50),
        studentCount: z.number().int().min(0),
        updatedAt: z.iso.datetime({ offset: true }),
      })
      .partial(),
    timestamp: z.iso.datetime(),
    webhookId: z.string().min(1).max(200),
  });
}

function stripeEvent(fx: Fixture) {
  const checkoutId = fx.checkoutSessionIds.length ? z.enum(fx.checkoutSessionIds) : z.string();
  return z.object({
    id: z.string(),
    object: z.literal('event'),
    type: z.enum([
      'checkout.session.completed',
      'checkout.session.async_payment_succeeded',
      'checkout.session.expired',
      'checkout.session.async_payment_failed',
      'charge.refunded',
    ]),
    account: z.string().optional(),
    created: z.number().int(),
    data: z.object({
      object: z.object({
        id: z.union([checkoutId, z.string()]),
        object: z.literal('checkout.session'),
        payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
        amount_total: z.number().int().nullable(),
        currency: z.string().nullable(),
        payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullable(),
        customer: z.union([z.string(), z.object({ id: z.string() })]).nullable(),
        metadata: z.record(z.string(), z.string()),
      }),
    }),
  });
}

export function signedWebhookCases(fx: Fixture, now: () => Date, runs: number, seed: number): SignedCase[] {
  const cases: SignedCase[] = [];
  const immersio = fc.sample(fuzzArbitrary(immersioPayload(fx), fx.arbitrary), {
    seed: seedFor(seed, 'immersio-webhook'),
    numRuns: runs,
  });
  const stripe = fc.sample(fuzzArbitrary(stripeEvent(fx), fx.arbitrary), {
    seed: seedFor(seed, 'stripe-webhook'),
    numRuns: runs,
  });
  // Bytes no JSON parser wants, signed all the same.
  const raw = ['', 'null', '[]', '"x"', '{"event":', '\u0000', '{"data":{"orgId":"\\ud800"}}', '\ufeff{}'];
  for (const payload of [...immersio, ...raw]) {
    const body = typeof payload === 'string' ? payload : toJson(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    cases.push({
      target: 'POST /api/v1/webhooks/immersio (signed)',
      body,
      input: payload,
      headers: {
        'content-type': 'application/json',
        'x-webhook-timestamp': timestamp,
        'x-webhook-signature': webhookSignature(IMMERSIO_SECRET, timestamp, body),
        'x-immersio-org-id': fx.orgId,
      },
    });
  }
  for (const payload of [...stripe, ...raw]) {
    const body = typeof payload === 'string' ? payload : toJson(payload);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: STRIPE_SECRET,
      timestamp: Math.floor(Date.now() / 1000),
    });
    cases.push({
      target: 'POST /api/v1/webhooks/stripe (signed)',
      body,
      input: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    });
  }
  return cases;
}
