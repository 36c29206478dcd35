import { isIP } from 'node:net';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    /** The staff app's build (scripts/build-app.ts writes it; npm start builds it when stale). */
    STAFF_APP_DIR: z
      .string()
      .min(1)
      .default(new URL('../dist/app', import.meta.url).pathname),
    DATABASE_URL: optionalUrl,
    DATABASE_POOL_SIZE: positiveInt(10),
    /** A read replica for catalogue, landing and statistics reads (docs/scaling.md). */
    DATABASE_READ_URL: optionalUrl,
    REDIS_URL: optionalUrl,
    /** Namespaces every Redis key and channel, so deployments (or test runs) can share a server. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/)
      .default('ibs:'),
    APP_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    PUBLIC_BASE_URL: z.url().optional(),
    BOOKING_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as booking.example.com')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default('Immersio Booking <no-reply@booking.local>'),
    /**
     * Whose X-Forwarded-For/-Proto/-Host to believe (docs/deploy.md): false, true (any peer), or
     * the proxies' addresses and CIDRs, comma-separated (or loopback, linklocal, uniquelocal).
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .transform((value, ctx): boolean | string[] => {
        const asBoolean = z.stringbool().safeParse(value);
        if (asBoolean.success) return asBoolean.data;
        const entries = value.split(',').map((entry) => entry.trim());
        const bad = entries.find(
          (entry) =>
            !/^(loopback|linklocal|uniquelocal)$/.test(entry) && !isIP(entry.replace(/\/\d{1,3}$/, '')),
        );
        if (bad === undefined) return entries;
        ctx.addIssue({
          code: 'custom',
          message: `"${bad}" is not true/false, an address, a CIDR or a range name`,
        });
        return z.NEVER;
      }),
    SEED_DEMO: z.stringbool().optional(),
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    RATE_LIMIT_PUBLIC: positiveInt(100),
    RATE_LIMIT_AUTHENTICATED: positiveInt(1000),
    RATE_LIMIT_WEBHOOK: positiveInt(500),
    RATE_LIMIT_UPLOAD: positiveInt(10),
    RATE_LIMIT_SYNC: positiveInt(5),
    RATE_LIMIT_SIGN_IN: positiveInt(10),
    /** Schools created per IP per hour (self-serve sign-up). */
    RATE_LIMIT_SIGN_UP: positiveInt(20),
    /** Password-reset e-mails per address per hour. */
    RATE_LIMIT_PASSWORD_RESET: positiveInt(5),
    OUTBOX_POLL_MS: positiveInt(1000),
    /** Real Stripe when set; without it (outside production) a local emulator stands in. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret or restricted key (sk_… or rk_…)')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .startsWith('whsec_')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Another Stripe-compatible API (the emulator run separately with `npm run dev:stripe`). */
    STRIPE_API_URL: optionalUrl,
    /** `auto`: start the in-process emulator when there is no STRIPE_SECRET_KEY (never in production). */
    STRIPE_EMULATOR: z.enum(['auto', 'off']).default('auto'),
    /** How often expired seat holds are released when Stripe's webhook never came. */
    HOLD_SWEEP_MS: positiveInt(30_000),
    /** Days delivered outbox rows (sent e-mails, delivered webhooks and their attempts) are kept. */
    OUTBOX_RETENTION_DAYS: positiveInt(30),
    /** Immersio's API (docs/immersio-api.md); in development the simulator (`npm run dev:immersio`). */
    IMMERSIO_API_URL: optionalUrl,
    /** Secrets Immersio signs incoming webhooks with, comma-separated (rotation without downtime). */
    IMMERSIO_WEBHOOK_SECRET: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** Allow webhook URLs on private and loopback addresses (development and tests only). */
    ALLOW_PRIVATE_WEBHOOK_URLS: z.stringbool().default(false),
    IMMERSIO_SSO_JWKS_URL: optionalUrl,
    IMMERSIO_SSO_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    IMMERSIO_SSO_ISSUER: z
      .string()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    IMMERSIO_SSO_AUDIENCE: z
      .string()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    IMMERSIO_SSO_AUTHORIZE_URL: optionalUrl,
    SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
    /** Bearer token that opens /metrics to non-loopback scrapers (docs/operations.md). */
    /**
     * DNS servers (`ip` or `ip:port`, comma-separated) for checking schools' custom domains,
     * instead of the system's: tests and development point it at dev/dns-server.
     */
    DNS_SERVERS: z
      .string()
      .trim()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((server) => server.trim())
              .filter(Boolean)
          : undefined,
      ),
    /** An OpenTelemetry collector (OTLP over HTTP): traces are sent there; unset, tracing is not loaded. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().trim().min(1).default('immersio-booking'),
    /** The share of requests traced, 0–1 (a caller's sampled `traceparent` is always followed). */
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
    METRICS_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message: 'is required with STRIPE_SECRET_KEY (payments are confirmed by signed webhooks)',
      });
    }
    if (env.DATABASE_READ_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_READ_URL'],
        message: 'needs DATABASE_URL (a replica of the embedded database does not exist)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_SECRET'],
        message: 'is required when NODE_ENV=production',
      });
    }
  });

export type Env = z.output<typeof envSchema> & { PUBLIC_BASE_URL: string };

export class EnvError extends Error {}

/** Parses the environment once; every failure names the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return { ...env, PUBLIC_BASE_URL: publicBaseUrl };
}
