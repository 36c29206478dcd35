import type Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { Logger } from '../../lib/logger.ts';

/** Everything the pass use cases may use; each takes only its part (a `Pick`). */
export interface PassesDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  logger: Logger;
  now: () => Date;
  wakeOutbox: () => void;
  /** The Stripe client (real or the emulator); without one passes cannot be sold. */
  stripe: { stripe: Stripe } | undefined;
}
