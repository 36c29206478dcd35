import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { parseEnv } from '../../src/env.ts';
import type { PlanType } from '../../src/modules/tenants/plans.ts';
import { addMember, provisionTenant } from '../../src/modules/tenants/provisioning.ts';
import type { Role } from '../../src/modules/tenants/roles.ts';
import type { AppRouter } from '../../src/trpc/router.ts';
import { createTestDatabase } from './db.ts';

export interface TestApp {
  baseUrl: string;
  running: RunningApp;
  database: DatabaseHandle;
  dataDir: string;
  clock: TestClock;
  close(): Promise<void>;
}

export class TestClock {
  offsetMs = 0;
  /** While set, the clock stands still at this instant (see `freeze`). */
  frozenAtMs: number | undefined;
  now = () => new Date(this.frozenAtMs ?? Date.now() + this.offsetMs);
  advance(ms: number) {
    if (this.frozenAtMs === undefined) this.offsetMs += ms;
    else this.frozenAtMs += ms;
  }
  /** Stops the clock at `at` (exact policy boundaries) until `resume()`; `advance` still moves it. */
  freeze(at: Date) {
    this.frozenAtMs = at.getTime();
  }
  resume() {
    this.frozenAtMs = undefined;
  }
}

/**
 * The real service on a fresh database, listening on a random port. Uses REDIS_URL when the
 * suite runs against the machine's servers, so rate limits and caches go through Redis.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    database?: DatabaseHandle;
    worker?: boolean;
    redisPrefix?: string;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-test-'));
  const clock = new TestClock();
  const env = parseEnv({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    APP_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: 'http://localhost:3000',
    OUTBOX_POLL_MS: '100',
    // Tests sign in and call far more often than a person; rate-limit tests set their own.
    RATE_LIMIT_PUBLIC: '100000',
    RATE_LIMIT_AUTHENTICATED: '100000',
    RATE_LIMIT_SIGN_IN: '100000',
    REDIS_PREFIX: options.redisPrefix ?? `ibs-test-${randomUUID()}:`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...options.env,
  });
  const running = await startApp({
    env,
    database,
    seed: false,
    now: clock.now,
    ...(options.worker === undefined ? {} : { worker: options.worker }),
  });
  const address = await running.listen({ port: 0, host: '127.0.0.1' });
  // Requests not yet answered, for the report of a close that hangs (below).
  const inFlight = new Map<object, string>();
  running.app.server.on('request', (req, res) => {
    inFlight.set(req, `${req.method} ${req.url} since ${new Date().toISOString()}`);
    res.once('close', () => inFlight.delete(req));
  });
  return {
    baseUrl: address,
    running,
    database,
    dataDir,
    clock,
    async close() {
      // A close that hangs would fail the file by the hook timeout, saying nothing: this says on
      // what it waits (the stage, the pool, requests still unanswered). After 5 s the service
      // itself cuts connections still holding its HTTP server (src/app.ts).
      let step = 'service';
      const slow = setInterval(() => {
        const pool = database.pool;
        console.error(
          `test app still closing: ${step}${step === 'service' ? ` (${running.shutdownStep()})` : ''}`,
          pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : '',
          [...inFlight.values()],
          process.getActiveResourcesInfo(),
        );
      }, 10_000);
      try {
        await running.close();
        step = 'database';
        if (!options.database) await database.close();
        step = 'data directory';
        await rm(dataDir, { recursive: true, force: true });
      } finally {
        clearInterval(slow);
      }
    },
  };
}

export function trpcClient(baseUrl: string, token?: string, options: { batch?: boolean } = {}) {
  const link = options.batch ? httpBatchLink : httpLink;
  return createTRPCClient<AppRouter>({
    links: [
      link({
        url: `${baseUrl}/api/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

export type Client = ReturnType<typeof trpcClient>;

let counter = 0;
/** Unique per test file and call, so files sharing a server never collide. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export interface TenantFixture {
  tenantId: number;
  slug: string;
  owner: { id: number; email: string; password: string; token: string; client: Client };
}

/** A tenant with a signed-in owner. */
export async function createTenant(
  app: TestApp,
  options: { plan?: PlanType; name?: string } = {},
): Promise<TenantFixture> {
  const slug = unique('t');
  const email = `${unique('owner')}@example.test`;
  const password = 'owner-password-123';
  const { tenant, owner } = await provisionTenant(app.database.db, {
    name: options.name ?? `Tenant ${slug}`,
    slug,
    plan: options.plan ?? 'growth',
    owner: { email, name: 'Owner', password },
  });
  const token = await signIn(app.baseUrl, email, password);
  return {
    tenantId: tenant.id,
    slug,
    owner: { id: owner.id, email, password, token, client: trpcClient(app.baseUrl, token) },
  };
}

export async function addSignedInMember(app: TestApp, tenantId: number, role: Role = 'MEMBER') {
  const email = `${unique(role.toLowerCase())}@example.test`;
  const password = 'member-password-123';
  const user = await addMember(app.database.db, {
    tenantId,
    role,
    user: { email, name: `A ${role}`, password },
  });
  const token = await signIn(app.baseUrl, email, password);
  return { id: user.id, email, password, token, client: trpcClient(app.baseUrl, token) };
}

/** The spec error code and HTTP status a tRPC call failed with. */
/**
 * Marks calls started together as handled at once, so one that fails while an earlier one is
 * still awaited is not reported as an unhandled rejection; awaiting each still sees its error.
 */
export function handled<T extends Promise<unknown>>(calls: T[]): T[] {
  for (const call of calls) call.catch(() => undefined);
  return calls;
}

export async function trpcError(
  promise: Promise<unknown>,
): Promise<{ appCode: string; httpStatus: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { appCode: string; httpStatus: number };
      return { appCode: data.appCode, httpStatus: data.httpStatus, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/**
 * Starts one app for the whole test file (before all its tests) and stops it after them. The
 * returned object reads through to the running app, so tests use `app.baseUrl` directly.
 */
export function useTestApp(options: Parameters<typeof startTestApp>[0] = {}): TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    current = await startTestApp(options);
  });
  afterAll(() => current?.close());
  return new Proxy({} as TestApp, {
    get(_target, key) {
      if (!current) throw new Error('the test app is not started yet (use it inside a test or hook)');
      return Reflect.get(current, key);
    },
  });
}
