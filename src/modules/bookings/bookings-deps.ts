import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BookingCatalog } from './booking-catalog.ts';
import type { PaymentsService } from './payments/payments.service.ts';

/** Everything the booking use cases may use; each takes only its part (a `Pick`). */
export interface BookingsDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
  wakeOutbox: () => void;
  payments: PaymentsService;
  catalog: BookingCatalog;
}
