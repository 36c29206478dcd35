import type { Database, DatabaseHandle } from './db/client.ts';
import type { Env } from './env.ts';
import type { CacheBus } from './lib/cache-bus.ts';
import type { Logger } from './lib/logger.ts';
import { countBookings } from './lib/metrics/instrument.ts';
import { createMetrics } from './lib/metrics/registry.ts';
import { rateLimitHeaders } from './lib/rate-limit/headers.ts';
import type { RateLimiter } from './lib/rate-limit/limiter.ts';
import { createApiKeyResolver } from './modules/api-keys/api-key-resolver.ts';
import { type Auth, createAuth } from './modules/auth/auth.ts';
import { createBookingCatalog } from './modules/bookings/booking-catalog.ts';
import { createBookingsService } from './modules/bookings/bookings.service.ts';
import { createEnrolmentsService } from './modules/bookings/enrolments/enrolments.service.ts';
import { heldSeats } from './modules/bookings/held-seats.ts';
import { createPaymentsService } from './modules/bookings/payments/payments.service.ts';
import { createStripeConnectService } from './modules/bookings/payments/stripe-connect.service.ts';
import type { StripeGateway } from './modules/bookings/payments/stripe-gateway.ts';
import { createIncomingWebhooksService } from './modules/immersio/incoming-webhooks.service.ts';
import { createIntegrationService } from './modules/immersio/integration.service.ts';
import { createPrivacyService } from './modules/immersio/privacy/privacy.service.ts';
import { createSsoService } from './modules/immersio/sso.service.ts';
import { createWebhookAdminService } from './modules/immersio/webhook-admin.service.ts';
import { createAssetsService } from './modules/landing/assets.service.ts';
import { createCustomDomainHosts } from './modules/landing/custom-domain/custom-domain-hosts.ts';
import { createTxtLookup } from './modules/landing/custom-domain/dns-txt.ts';
import { createLandingService } from './modules/landing/landing.service.ts';
import { outboxBacklog } from './modules/outbox/outbox-backlog.ts';
import { createPassesService } from './modules/passes/passes.service.ts';
import { createPublicService } from './modules/public/public.service.ts';
import { createInvitesService } from './modules/tenants/invites.service.ts';
import { createStatsService } from './modules/tenants/stats.service.ts';
import { createTenantsService } from './modules/tenants/tenants.service.ts';
import { emailChanged } from './modules/viewer/account-email.ts';
import { createViewerService } from './modules/viewer/viewer.service.ts';
import { createViewerResolver } from './modules/viewer/viewer-resolver.ts';
import { createWorkshopsService } from './modules/workshops/workshops.service.ts';

export interface ContainerDeps {
  env: Env & { APP_SECRET: string };
  logger: Logger;
  database: DatabaseHandle;
  bus: CacheBus;
  rateLimiter: RateLimiter;
  /** Where rate-limit budgets live now (readiness reports it); memory when not given. */
  rateLimitMode?: () => 'memory' | 'shared' | 'local';
  /** Nudges the outbox worker after a commit that enqueued something. */
  wakeOutbox: () => void;
  /** Stripe (or the emulator); without it paid workshops answer STRIPE_NOT_CONFIGURED. */
  stripe?: StripeGateway | undefined;
  now?: () => Date;
  /** A read replica for lag-tolerant reads (catalogue, landing, stats); the primary otherwise. */
  readDb?: Database;
}

/** Everything a request handler may call, wired once at start-up. */
export function createContainer(deps: ContainerDeps) {
  const now = deps.now ?? (() => new Date());
  const db = deps.database.db;
  const readDb = deps.readDb ?? db;
  const auth: Auth = createAuth({
    db,
    secret: deps.env.APP_SECRET,
    baseUrl: deps.env.PUBLIC_BASE_URL,
    trustedOrigins: trustedOrigins(deps.env),
  });
  const apiKeys = createApiKeyResolver({ db, bus: deps.bus, now, logger: deps.logger });
  const sessions = createViewerResolver({ auth, db, bus: deps.bus, apiKeys });
  const viewerService = createViewerService({ db, bus: deps.bus });
  const landing = createLandingService({ db, env: deps.env, bus: deps.bus, now });
  const payments = createPaymentsService({
    db,
    env: deps.env,
    gateway: deps.stripe,
    bus: deps.bus,
    logger: deps.logger,
    now,
    wakeOutbox: deps.wakeOutbox,
  });
  // The booking use cases' dependencies, shared by bookings and enrolments (one booking catalogue).
  const bookingsDeps = {
    db,
    env: deps.env,
    bus: deps.bus,
    logger: deps.logger,
    now,
    wakeOutbox: deps.wakeOutbox,
    payments,
    catalog: createBookingCatalog({ db, bus: deps.bus }),
  };
  // One registry per container (per app): tests run several apps in one process.
  const pool = deps.database.pool;
  const metrics = createMetrics(
    {
      seatsHeld: () => heldSeats(db, now()),
      outbox: () => outboxBacklog(db, now()),
      pool: () =>
        pool && {
          total: pool.totalCount,
          idle: pool.idleCount,
          waiting: pool.waitingCount,
          max: deps.env.DATABASE_POOL_SIZE,
        },
    },
    now,
  );
  return {
    env: deps.env,
    logger: deps.logger,
    database: deps.database,
    db,
    bus: deps.bus,
    now,
    auth,
    sessions,
    rateLimiter: deps.rateLimiter,
    rateLimitMode: deps.rateLimitMode ?? (() => 'memory' as const),
    rateLimitHeaders,
    wakeOutbox: deps.wakeOutbox,
    /** Which school a request's `Host` is, when it is a school's verified own domain. */
    customDomainHosts: createCustomDomainHosts({ db, bus: deps.bus, env: deps.env }),
    /** TXT lookups for schools' custom domains (DNS_SERVERS, else the system's resolvers). */
    txtLookup: createTxtLookup(deps.env.DNS_SERVERS),
    /** Prometheus metrics (/metrics); the counted services below feed it. */
    metrics,
    viewers: viewerService,
    /** After a new e-mail address was confirmed (auth's email-change.routes.ts). */
    accountEmailChanged: (change: Parameters<typeof emailChanged>[1]) =>
      emailChanged({ db, bus: deps.bus }, change),
    tenants: createTenantsService({
      db,
      env: deps.env,
      bus: deps.bus,
      now,
      wakeOutbox: deps.wakeOutbox,
      verifyStripeAccount: (accountId) => payments.verifyAccount(accountId),
    }),
    stats: createStatsService({ db: readDb, now }),
    invites: createInvitesService({ db, auth, bus: deps.bus, now }),
    sso: createSsoService({ db, env: deps.env, auth, bus: deps.bus, logger: deps.logger, now }),
    landing,
    assets: createAssetsService({ db, env: deps.env, landing, logger: deps.logger, now }),
    publicCatalog: createPublicService({ db, readDb, env: deps.env, bus: deps.bus, now }),
    workshops: createWorkshopsService({ db, env: deps.env, bus: deps.bus, now, wakeOutbox: deps.wakeOutbox }),
    payments,
    stripeConnect: createStripeConnectService({
      db,
      env: deps.env,
      gateway: deps.stripe,
      bus: deps.bus,
      now,
    }),
    /** The Stripe client (real or emulator), if payments are configured. */
    stripe: deps.stripe,
    integration: createIntegrationService({
      db,
      env: deps.env,
      bus: deps.bus,
      logger: deps.logger,
      now,
      wakeOutbox: deps.wakeOutbox,
    }),
    webhookAdmin: createWebhookAdminService({
      db,
      appSecret: deps.env.APP_SECRET,
      now,
      wakeOutbox: deps.wakeOutbox,
    }),
    incomingWebhooks: createIncomingWebhooksService({ db, env: deps.env, logger: deps.logger, now }),
    privacy: createPrivacyService({ db, now, wakeOutbox: deps.wakeOutbox }),
    bookings: countBookings(createBookingsService(bookingsDeps), metrics),
    passes: createPassesService({
      db,
      env: deps.env,
      logger: deps.logger,
      now,
      wakeOutbox: deps.wakeOutbox,
      stripe: deps.stripe,
    }),
    enrolments: createEnrolmentsService(bookingsDeps),
  };
}

export type Container = ReturnType<typeof createContainer>;

/** Origins allowed to make cookie-authenticated changes: the app itself and tenant booking hosts. */
export function trustedOrigins(env: Env): string[] {
  const origins = [new URL(env.PUBLIC_BASE_URL).origin];
  if (env.BOOKING_DOMAIN) origins.push(`https://*.${env.BOOKING_DOMAIN}`);
  return origins;
}
