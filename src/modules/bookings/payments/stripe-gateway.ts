import Stripe from 'stripe';

/**
 * The one Stripe client of the process: real Stripe with STRIPE_SECRET_KEY, or the local
 * emulator (dev/stripe-emulator) at `apiUrl`. Either way the service talks through the SDK.
 */
export interface StripeGateway {
  stripe: Stripe;
  webhookSecret: string;
  /** True against the emulator or a test-mode key: pages say "test mode". */
  testMode: boolean;
  /** Where Checkout pages live: booking forms may submit (and be redirected) there. */
  checkoutOrigin: string;
}

export function createStripeGateway(options: {
  secretKey: string;
  webhookSecret: string;
  apiUrl?: string | undefined;
}): StripeGateway {
  const target = options.apiUrl ? new URL(options.apiUrl) : undefined;
  const stripe = new Stripe(options.secretKey, {
    // Requests carry idempotency keys, so the SDK's retries of network errors and 5xx are safe.
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(target && {
      host: target.hostname,
      port: target.port || (target.protocol === 'https:' ? 443 : 80),
      protocol: target.protocol === 'https:' ? 'https' : 'http',
    }),
    appInfo: { name: 'immersio-booking-service' },
  });
  return {
    stripe,
    webhookSecret: options.webhookSecret,
    testMode: Boolean(target) || options.secretKey.includes('_test_'),
    checkoutOrigin: target ? target.origin : 'https://checkout.stripe.com',
  };
}

/** A Stripe API error the caller cannot fix by retrying (bad request, declined card, permissions). */
export function isPermanentStripeError(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  const status = error.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
}

/**
 * A Stripe failure that says nothing about the request: Stripe unreachable or timing out (no
 * status), 5xx, 429 or 409. Retrying later may work.
 */
export function isTransientStripeError(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && !isPermanentStripeError(error);
}
