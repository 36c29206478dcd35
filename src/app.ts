import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { StripeEmulator } from '../dev/stripe-emulator/emulator.ts';
import { type Container, createContainer } from './container.ts';
import { type DatabaseHandle, openDatabase } from './db/client.ts';
import { openReadReplica } from './db/read-replica.ts';
import type { Env } from './env.ts';
import { resolveAppSecret } from './lib/app-secret.ts';
import { type CacheBus, createLocalCacheBus, createRedisCacheBus } from './lib/cache-bus.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createMailer, emailHandler } from './lib/mailer.ts';
import { countEmails } from './lib/metrics/instrument.ts';
import { createRateLimiter, rulesFromEnv } from './lib/rate-limit/limiter.ts';
import { createMemoryStore } from './lib/rate-limit/memory-store.ts';
import { createRedisStore } from './lib/rate-limit/redis-store.ts';
import type { Tracing } from './lib/tracing/start-tracing.ts';
import {
  CALENDAR_FEED_POLL_TICK_MS,
  calendarFeedFetchJob,
  queueDueCalendarFeeds,
} from './modules/availability/calendar-feed-job.ts';
import { bookingEmailHandler } from './modules/bookings/booking-email.handler.ts';
import { bookingEmailJob } from './modules/bookings/booking-jobs.ts';
import { bookingReminderHandler, bookingReminderJob } from './modules/bookings/booking-reminder-job.ts';
import {
  queueDueTeacherDigests,
  TEACHER_DIGEST_POLL_TICK_MS,
  teacherDigestHandler,
  teacherDigestJob,
} from './modules/bookings/digest/teacher-digest-job.ts';
import { expireCheckoutJob, refundJob } from './modules/bookings/payments/payment-jobs.ts';
import { createStripeGateway, type StripeGateway } from './modules/bookings/payments/stripe-gateway.ts';
import { waitlistOfferJob } from './modules/bookings/waitlist/waitlist-jobs.ts';
import { syncCoursesJob, webhookJob } from './modules/immersio/immersio-jobs.ts';
import { webhookHandler } from './modules/immersio/webhook-outbox-handler.ts';
import { emailJob } from './modules/outbox/email-job.ts';
import { createJobRegistry, type JobRegistry, registerJob } from './modules/outbox/job-registry.ts';
import { createOutboxWorker } from './modules/outbox/outbox.worker.ts';
import { OUTBOX_PRUNE_EVERY_MS, pruneDeliveredOutbox } from './modules/outbox/outbox-retention.ts';
import { wakeSourceFor } from './modules/outbox/outbox-wake.ts';
import { courseLinkJob } from './modules/workshops/course-link.ts';
import { isEmpty, seedDemo } from './seed/demo.ts';
import { buildServer } from './server.ts';

export interface StartOptions {
  env: Env;
  logger?: Logger;
  /** A database opened by the caller (tests); otherwise opened from env and migrated. */
  database?: DatabaseHandle;
  /** Seed the demo tenant into an empty database (default: embedded database only). */
  seed?: boolean;
  /** Start the outbox worker loop (default true). */
  worker?: boolean;
  now?: () => Date;
  /** OpenTelemetry, started by main.ts before the app was loaded (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: Tracing;
}

export interface RunningApp {
  app: FastifyInstance;
  container: Container;
  worker: ReturnType<typeof createOutboxWorker>;
  /** The in-process Stripe emulator, when there is no STRIPE_SECRET_KEY (development, tests). */
  stripeEmulator: StripeEmulator | undefined;
  /** Listens, and points the emulator's webhooks at this server. */
  listen(options: { port: number; host: string }): Promise<string>;
  /** Stops taking requests, finishes in-flight ones and the worker, closes connections. */
  close(): Promise<void>;
  /** What a shutdown in progress is waiting on (undefined before close and once it is done). */
  shutdownStep(): string | undefined;
}

/** How often a shutdown still waiting reports what it waits on. */
const SLOW_SHUTDOWN_REPORT_MS = 10_000;
/** How long open requests may take to finish on shutdown before their connections are cut. */
const HTTP_DRAIN_MS = 5_000;

/** Wires the whole service; main.ts and the integration tests both start it through here. */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { env } = options;
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const { secret, generated } = await resolveAppSecret(env.APP_SECRET, env.DATA_DIR);
  if (generated)
    logger.warn({ dataDir: env.DATA_DIR }, 'APP_SECRET not set: generated one under DATA_DIR/app-secret');

  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      poolSize: env.DATABASE_POOL_SIZE,
    }));
  if (ownsDatabase) await database.migrate();

  const shouldSeed = options.seed ?? env.SEED_DEMO ?? database.kind === 'pglite';
  if (shouldSeed && (await isEmpty(database.db))) {
    await seedDemo(database.db, env);
    logger.info('seeded the demo tenant language-academy (see README for the sign-ins)');
  }

  const redis = env.REDIS_URL ? await connectRedis(env.REDIS_URL, logger) : undefined;
  const bus: CacheBus = env.REDIS_URL
    ? createRedisCacheBus(env.REDIS_URL, env.REDIS_PREFIX, logger)
    : createLocalCacheBus();
  const store = redis
    ? createRedisStore(redis, {
        prefix: `${env.REDIS_PREFIX}rl:`,
        fallback: createMemoryStore(),
        onSwitch: (error: unknown) =>
          error === undefined
            ? logger.info('rate limits shared through Redis again')
            : logger.error(
                { err: error },
                "Redis unreachable: rate limits enforced per instance from this instance's memory",
              ),
      })
    : createMemoryStore();
  const rateLimitsOn = env.RATE_LIMITS === 'on';
  if (!rateLimitsOn)
    logger.warn('RATE_LIMITS=off: every rate limit is disabled. Never run production like this.');
  const rateLimiter = createRateLimiter({ store, rules: rulesFromEnv(env), enabled: rateLimitsOn });

  const mailer = createMailer({ smtpUrl: env.SMTP_URL, dataDir: env.DATA_DIR, from: env.MAIL_FROM, logger });
  const stripe = await setUpStripe(env, logger, options.now);

  const replica = env.DATABASE_READ_URL
    ? openReadReplica(env.DATABASE_READ_URL, env.DATABASE_POOL_SIZE)
    : undefined;
  const container = createContainer({
    env: { ...env, APP_SECRET: secret },
    logger,
    database,
    ...(replica ? { readDb: replica.db } : {}),
    bus,
    rateLimiter,
    rateLimitMode: () => store.mode?.() ?? 'memory',
    // Only called once requests or jobs run, by which time the worker below exists.
    wakeOutbox: () => worker.wake(),
    stripe: stripe.gateway,
    ...(options.now ? { now: options.now } : {}),
  });
  const worker = createOutboxWorker({
    db: database.db,
    logger,
    pollMs: env.OUTBOX_POLL_MS,
    jobs: outboxJobs(container, countEmails(emailHandler(mailer), container.metrics)),
    // Woken on commit by any instance (LISTEN/NOTIFY), not only by this one's wakeOutbox().
    wakeSource: wakeSourceFor(database, logger),
  });
  const app = buildServer(container, options.tracing?.fastifyPlugin);
  await app.ready();
  let sweeper: NodeJS.Timeout | undefined;
  let pruner: NodeJS.Timeout | undefined;
  let feedPoller: NodeJS.Timeout | undefined;
  let digestPoller: NodeJS.Timeout | undefined;
  if (options.worker !== false) {
    worker.start();
    // Holds whose Stripe webhook never came; any instance may sweep (rows are claimed with skip locked).
    sweeper = setInterval(() => {
      container.bookings.sweepHolds().catch((error) => logger.warn({ err: error }, 'hold sweep failed'));
    }, env.HOLD_SWEEP_MS);
    sweeper.unref();
    // Delivered rows are history kept OUTBOX_RETENTION_DAYS (the webhook delivery log reads them).
    pruner = setInterval(() => {
      pruneDeliveredOutbox(database.db, container.now(), env.OUTBOX_RETENTION_DAYS).then(
        (deleted) => deleted > 0 && logger.info({ deleted }, 'pruned delivered outbox rows'),
        (error: unknown) => logger.warn({ err: error }, 'outbox pruning failed'),
      );
    }, OUTBOX_PRUNE_EVERY_MS);
    pruner.unref();
    // Teachers' calendar feeds due for a fetch (every 15 min each); any instance may claim them.
    feedPoller = setInterval(() => {
      queueDueCalendarFeeds(container).catch((error) =>
        logger.warn({ err: error }, 'calendar feed poll failed'),
      );
    }, CALENDAR_FEED_POLL_TICK_MS);
    feedPoller.unref();
    // Teachers' 07:00 digests (issue 17); `teacher_digests` lets one instance queue each.
    digestPoller = setInterval(() => {
      queueDueTeacherDigests(container).catch((error) =>
        logger.warn({ err: error }, 'teacher digest poll failed'),
      );
    }, TEACHER_DIGEST_POLL_TICK_MS);
    digestPoller.unref();
  }

  let closing: Promise<void> | undefined;
  let step: string | undefined;
  return {
    app,
    container,
    worker,
    stripeEmulator: stripe.emulator,
    async listen(listenOptions) {
      const address = await app.listen(listenOptions);
      stripe.emulator?.setWebhookUrl(`${address}/api/v1/webhooks/stripe`);
      return address;
    },
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        clearInterval(pruner);
        clearInterval(feedPoller);
        clearInterval(digestPoller);
        // A shutdown that hangs says on what: in-flight requests, a delivery, a pooled connection.
        step = 'http';
        const started = Date.now();
        const slow = setInterval(() => {
          const pool = database.pool;
          logger.warn(
            {
              waitingOn: step,
              seconds: Math.round((Date.now() - started) / 1000),
              ...(pool && {
                poolTotal: pool.totalCount,
                poolIdle: pool.idleCount,
                poolWaiting: pool.waitingCount,
              }),
            },
            'shutdown is slow',
          );
        }, SLOW_SHUTDOWN_REPORT_MS);
        slow.unref();
        // Requests have had their time; what still holds the server then is a connection that is
        // neither idle nor answered (a request sent in part). Cut it, so that the worker and the
        // pool are still stopped before SHUTDOWN_TIMEOUT_MS ends the process.
        const cut = setTimeout(() => {
          if (step === 'http') app.server.closeAllConnections();
        }, HTTP_DRAIN_MS);
        cut.unref();
        const stage = async (name: string, run: () => Promise<unknown> | unknown) => {
          step = name;
          await run();
        };
        try {
          await stage('http', () => app.close());
          await stage('outbox worker', () => worker.stop());
          await stage('stripe emulator', () => stripe.emulator?.close());
          await stage('mailer', () => mailer.close());
          await stage('cache bus', () => bus.close());
          await stage('rate-limit store', () => store.close?.());
          redis?.disconnect();
          await stage('read replica', () => replica?.close());
          if (ownsDatabase) await stage('database', () => database.close());
          await stage('tracing', () => options.tracing?.shutdown());
        } finally {
          clearInterval(slow);
          clearTimeout(cut);
          step = undefined;
        }
      })();
      return closing;
    },
    shutdownStep: () => step,
  };
}

/** Every outbox job the service runs, each given what its handler needs. */
function outboxJobs(container: Container, sendEmail: (payload: unknown) => Promise<void>): JobRegistry {
  const { db, env, logger, now } = container;
  return createJobRegistry([
    registerJob(emailJob, sendEmail),
    registerJob(bookingEmailJob, bookingEmailHandler({ db, env, now, sendEmail })),
    registerJob(bookingReminderJob, bookingReminderHandler({ db, env, now, sendEmail })),
    registerJob(teacherDigestJob, teacherDigestHandler({ db, env, now, sendEmail })),
    registerJob(
      webhookJob,
      webhookHandler({ db, env, logger, onOutcome: (outcome) => container.metrics.webhookDelivery(outcome) }),
    ),
    registerJob(syncCoursesJob, container.integration),
    registerJob(courseLinkJob, container.integration),
    registerJob(refundJob, container.payments),
    registerJob(expireCheckoutJob, container.payments),
    registerJob(waitlistOfferJob, container.bookings.waitlist),
    registerJob(calendarFeedFetchJob, { db, env, logger, now, bus: container.bus }),
  ]);
}

/**
 * The rate-limit connection. Without an offline queue a command fails at once while Redis is
 * away (and the limiter lets the request through), so it must be connected before the first
 * request; if Redis is unreachable at boot the service still starts and keeps reconnecting.
 */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 5 s')), 5000).unref()),
    ]);
  } catch (error) {
    logger.error(
      { err: error },
      'Redis unreachable at start-up: rate limits per instance and no session cache until it is back',
    );
  }
  return redis;
}

/**
 * Real Stripe with STRIPE_SECRET_KEY. Without one, outside production, the local emulator
 * (dev/stripe-emulator) stands in: in this process, or at STRIPE_API_URL when run separately.
 * In production without a key, paid workshops answer STRIPE_NOT_CONFIGURED.
 */
async function setUpStripe(
  env: Env,
  logger: Logger,
  now: (() => Date) | undefined,
): Promise<{ gateway: StripeGateway | undefined; emulator?: StripeEmulator }> {
  if (env.STRIPE_SECRET_KEY) {
    return {
      gateway: createStripeGateway({
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
        apiUrl: env.STRIPE_API_URL,
      }),
    };
  }
  if (env.NODE_ENV === 'production' || env.STRIPE_EMULATOR === 'off') {
    logger.warn('no STRIPE_SECRET_KEY: paid workshops cannot be booked');
    return { gateway: undefined };
  }
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString('hex')}`;
  if (env.STRIPE_API_URL) {
    return {
      gateway: createStripeGateway({
        secretKey: 'sk_test_emulator',
        webhookSecret,
        apiUrl: env.STRIPE_API_URL,
      }),
    };
  }
  const { startStripeEmulator } = await import('../dev/stripe-emulator/emulator.ts');
  const emulator = await startStripeEmulator({ webhookSecret, ...(now && { now }) });
  logger.info({ url: emulator.url }, 'payments run against the local Stripe emulator (test mode)');
  return {
    gateway: createStripeGateway({ secretKey: 'sk_test_emulator', webhookSecret, apiUrl: emulator.url }),
    emulator,
  };
}
