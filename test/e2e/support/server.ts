import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type ImmersioSimulator,
  type ImmersioSimulatorOptions,
  startImmersioSimulator,
} from '../../../dev/immersio-simulator/simulator.ts';
import { ensureAppBuilt } from '../../../scripts/build-app.ts';
import { type RunningApp, startApp } from '../../../src/app.ts';
import type { Container } from '../../../src/container.ts';
import type { DatabaseHandle } from '../../../src/db/client.ts';
import { parseEnv } from '../../../src/env.ts';
import { freePort } from '../../support/free-port.ts';
import { parseMail, type SentMail } from '../../support/mail.ts';
import { freshMigratedDatabase } from './migrated-database.ts';

// The real service for browser tests and the web audit: in this process, on a fresh embedded
// PGlite database (in memory) with the demo tenant seeded, rate limits off, the in-process Stripe
// emulator, listening on 127.0.0.1 at a random port. PUBLIC_BASE_URL is that address, so the
// links the service renders (manage links, booking URLs, Stripe's return URL) lead back to it.
// No vitest imports here: scripts/audit-web.ts starts the service through this file too.

export const DEMO_TENANT = 'language-academy';

export interface E2eServer {
  /** `http://127.0.0.1:<port>`, also the service's PUBLIC_BASE_URL. */
  baseUrl: string;
  running: RunningApp;
  container: Container;
  database: DatabaseHandle;
  /** A fresh temp directory: generated files, `mail/`, `uploads/`. Removed by `close()`. */
  dataDir: string;
  /** Every e-mail sent so far (written as .eml under DATA_DIR/mail), oldest first; only to `to` if given. */
  sentMail(to?: string): Promise<SentMail[]>;
  /** Waits until an e-mail to `to` whose subject starts with `subjectPrefix` was sent; returns them. */
  waitForMail(to: string, subjectPrefix: string, timeoutMs?: number): Promise<SentMail[]>;
  /** The Immersio simulator the service talks to (API and SSO), when started with `immersio`. */
  immersio: ImmersioSimulator | undefined;
  close(): Promise<void>;
}

export interface E2eServerOptions {
  /** Extra or overriding environment variables for the service. */
  env?: Record<string, string>;
  /** pino level; default E2E_LOG_LEVEL or `silent`. */
  logLevel?: string;
  /**
   * Start the Immersio simulator (dev/immersio-simulator) on a free port first and point the
   * service at it: its API (`IMMERSIO_API_URL`) and "Sign in with Immersio" (`IMMERSIO_SSO_ISSUER`,
   * `_AUDIENCE`, `_JWKS_URL` with its RS256 keys, `_AUTHORIZE_URL` = its sign-in page). Private
   * webhook URLs are allowed. The simulator starts empty (add an organisation, then connect the
   * school with `immersio.integration.connect`) and is closed with the server.
   */
  immersio?: boolean | ImmersioSimulatorOptions;
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  // The staff app under /app is served from its build; rebuilt only when its sources changed.
  await ensureAppBuilt({ quiet: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-e2e-'));
  // The port is chosen before the service is built, because PUBLIC_BASE_URL must name it.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const immersio = options.immersio
    ? await startImmersioSimulator(options.immersio === true ? {} : options.immersio)
    : undefined;
  const immersioEnv: Record<string, string> = immersio
    ? {
        IMMERSIO_API_URL: immersio.url,
        IMMERSIO_SSO_ISSUER: immersio.issuer,
        IMMERSIO_SSO_AUDIENCE: immersio.audience,
        IMMERSIO_SSO_JWKS_URL: immersio.jwksUrl,
        IMMERSIO_SSO_AUTHORIZE_URL: immersio.authorizeUrl,
        ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
      }
    : {};
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    APP_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    LOG_LEVEL: options.logLevel ?? process.env.E2E_LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: baseUrl,
    RATE_LIMITS: 'off',
    OUTBOX_POLL_MS: '100',
    ...immersioEnv,
    ...options.env,
  });
  // Always embedded, whatever DATABASE_URL / REDIS_URL the shell has (parseEnv got neither).
  const database = await freshMigratedDatabase();
  let running: RunningApp | undefined;
  try {
    running = await startApp({ env, database, seed: true });
    await running.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await running?.close().catch(() => {});
    await database.close().catch(() => {});
    await immersio?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const app = running;

  const sentMail = async (to?: string): Promise<SentMail[]> => {
    const dir = path.join(dataDir, 'mail');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
    const mails = await Promise.all(
      files.map(async (f) => parseMail(await readFile(path.join(dir, f), 'utf8'), f)),
    );
    return to === undefined ? mails : mails.filter((m) => m.to.includes(to));
  };

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    running: app,
    container: app.container,
    database,
    dataDir,
    immersio,
    sentMail,
    async waitForMail(to, subjectPrefix, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await sentMail(to)).filter((m) => m.subject.startsWith(subjectPrefix));
        if (found.length > 0) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `timed out after ${timeoutMs} ms waiting for an e-mail "${subjectPrefix}…" to ${to}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close() {
      closing ??= (async () => {
        await app.close();
        await database.close();
        await immersio?.close();
        await rm(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

// --- The public REST API, as a browser page's visitor would reach it -------------------------

export interface LandingWorkshop {
  title: string;
  slug: string;
  price: number;
  availableSeats: number;
  nextOccurrence: string | null;
  bookingUrl: string;
}

export interface WorkshopDetail {
  title: string;
  slug: string;
  price: number;
  requiresPayment: boolean;
  whitelistEnabled: boolean;
  bookingUrl: string;
  schedule: Array<{ startTime: string; endTime: string; availableSeats: number }>;
}

export interface BookingCreated {
  booking: { uid: string; status: string; title: string; startTime: string; endTime: string; paid: boolean };
  payment: null | { checkoutUrl: string; amount: number; currency: string; expiresAt: string };
  manageUrl: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** `GET /api/v1/public/landing/:slug`: the published landing settings and active workshops. */
export function getLanding(baseUrl: string, tenantSlug = DEMO_TENANT) {
  return getJson<{ tenant: { name: string }; workshops: LandingWorkshop[] }>(
    `${baseUrl}/api/v1/public/landing/${encodeURIComponent(tenantSlug)}`,
  );
}

/** `GET /api/v1/public/workshops/:slug?tenantSlug=`: one workshop with its upcoming schedule. */
export function getWorkshop(baseUrl: string, slug: string, tenantSlug = DEMO_TENANT) {
  return getJson<WorkshopDetail>(
    `${baseUrl}/api/v1/public/workshops/${encodeURIComponent(slug)}?tenantSlug=${encodeURIComponent(tenantSlug)}`,
  );
}

/** `POST /api/v1/public/bookings`; throws unless it answers 201. */
export async function createBooking(
  baseUrl: string,
  body: {
    tenantSlug?: string;
    workshopSlug: string;
    startTime: string;
    attendee: { name: string; email: string; timeZone: string };
  },
): Promise<BookingCreated> {
  const response = await fetch(`${baseUrl}/api/v1/public/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantSlug: DEMO_TENANT, ...body }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/v1/public/bookings: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as BookingCreated;
}

/**
 * Books a seat in the first free, open demo workshop with a seat left in its next session (the
 * demo has several free ones), through the public API. Each attendee email books once per session.
 */
export async function bookFreeDemoSeat(
  baseUrl: string,
  attendee: { name: string; email: string; timeZone?: string },
): Promise<BookingCreated & { workshop: WorkshopDetail }> {
  const landing = await getLanding(baseUrl);
  for (const offer of landing.workshops.filter((w) => w.price === 0 && w.availableSeats > 0)) {
    const workshop = await getWorkshop(baseUrl, offer.slug);
    if (workshop.requiresPayment || workshop.whitelistEnabled) continue;
    const session = workshop.schedule.find((s) => s.availableSeats > 0);
    if (!session) continue;
    const created = await createBooking(baseUrl, {
      workshopSlug: workshop.slug,
      startTime: session.startTime,
      attendee: { timeZone: 'Europe/Berlin', ...attendee },
    });
    return { ...created, workshop };
  }
  throw new Error('the demo catalogue has no free workshop with a seat left');
}
