import type { Database } from '../../../db/client.ts';
import type { Env } from '../../../env.ts';
import type { CacheBus } from '../../../lib/cache-bus.ts';
import { AppError } from '../../../lib/errors.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { StripeGateway } from './stripe-gateway.ts';

export interface PaymentsDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  gateway: StripeGateway | undefined;
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
  wakeOutbox: () => void;
}

/** The deps as the payment use cases get them: with the payments component's logger as `log`. */
export type PaymentsContext = PaymentsDeps & { log: Logger };

/** Where a refund stands after an attempt, with Stripe's refund id once it succeeded. */
export interface RefundAttempt {
  status: 'succeeded' | 'failed' | 'pending';
  stripeRefundId: string | null;
}

export function requireGateway(deps: { gateway: StripeGateway | undefined }): StripeGateway {
  if (!deps.gateway)
    throw new AppError('STRIPE_NOT_CONFIGURED', 'Payments are not configured on this server');
  return deps.gateway;
}
