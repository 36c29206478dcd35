import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AnyProcedure } from '@trpc/server';
import fc from 'fast-check';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { appRouter } from '../../src/trpc/router.ts';
import { signIn, useTestApp } from '../support/app.ts';
import {
  authHeaders,
  type Caller,
  createFixture,
  Failures,
  type Fixture,
  inParallel,
  seedFor,
  send,
} from './harness.ts';
import { wrongType } from './hostile.ts';
import { restCases } from './rest-inputs.ts';
import { transportCases } from './transport-cases.ts';
import { IMMERSIO_SECRET, STRIPE_SECRET, signedWebhookCases } from './webhook-cases.ts';
import { fuzzArbitrary } from './zod-arbitrary.ts';

/**
 * Issue 12, finding 5: every tRPC procedure and REST route, called by an anonymous, a forged, a
 * MEMBER and an ADMIN caller with inputs derived from its zod schema plus hostile values, must
 * answer below 500. Fixed seed, bounded cases; each 5xx is listed once with its shortest input, the
 * answer and the server's logged cause.
 *
 * `FUZZ_SEED=<n>` tries other inputs; `FUZZ_STATS=1` prints each target's answers by status (to see
 * how far the inputs get past validation); `FUZZ_LOG=<file>` keeps the server's error log.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_612);
/** Cases per input for a caller the procedure or route admits, and for one it refuses up front. */
const RUNS = 24;
const DENIED_RUNS = 3;
const REST_RUNS = 12;
const WEBHOOK_RUNS = 40;
const IN_FLIGHT = 4;

/**
 * Fewer cases where each valid one is slow: a new school and a sign-in hash a password (about a
 * second each on this machine while the rest of the run competes for the CPU).
 */
const RUNS_FOR: Record<string, number> = { 'signup.createSchool': 3, 'POST /api/auth/sign-in/email': 4 };

// The procedure kit keeps each procedure's zod input inside its resolver (no `.input()`, so
// `_def.inputs` is empty): record what each one was declared with, unchanged otherwise.
const captured = vi.hoisted(() => ({
  procedures: new Map<unknown, { access: string; input: unknown }>(),
  routes: new WeakMap<object, Array<{ method: string; url: string }>>(),
  logs: [] as string[],
}));

vi.mock('../../src/trpc/procedures.ts', async (importOriginal) => {
  const kit = await importOriginal<Record<string, unknown>>();
  const recorded: Record<string, unknown> = { ...kit };
  for (const [name, factory] of Object.entries(kit)) {
    const access = /^([a-z]+)(Query|Mutation)$/.exec(name)?.[1];
    if (!access || typeof factory !== 'function') continue;
    recorded[name] = (spec: { input?: unknown }) => {
      const procedure = (factory as (s: unknown) => unknown)(spec);
      captured.procedures.set(procedure, { access, input: spec.input });
      return procedure;
    };
  }
  return recorded;
});

// Fastify lists its routes only as a printed tree; an onRoute hook added at creation sees each one.
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const create = (options?: unknown) => {
    const app = (mod.default as (options?: unknown) => import('fastify').FastifyInstance)(options);
    const routes: Array<{ method: string; url: string }> = [];
    captured.routes.set(app, routes);
    app.addHook('onRoute', (route) => {
      for (const method of ([] as string[]).concat(route.method)) routes.push({ method, url: route.url });
    });
    return app;
  };
  return { ...mod, default: Object.assign(create, mod.default), fastify: create };
});

// The server's error log, kept in memory, so each 5xx is reported with what the server said.
vi.mock('../../src/lib/logger.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/lib/logger.ts')>();
  const { pino } = await import('pino');
  const sink = { write: (line: string) => void captured.logs.push(line) };
  return {
    ...mod,
    createLogger: () => pino({ level: 'error', serializers: { err: mod.serializeError } }, sink),
  };
});

// Without a build of app/ the staff app answers every /app path with a deliberate 503; a minimal
// build lets those routes be fuzzed for what they do.
const staffApp = mkdtempSync(path.join(os.tmpdir(), 'ibs-fuzz-app-'));
mkdirSync(path.join(staffApp, 'assets'));
writeFileSync(
  path.join(staffApp, 'index.html'),
  '<!doctype html><script nonce="CSP_NONCE_PLACEHOLDER"></script>',
);
writeFileSync(path.join(staffApp, 'assets', 'main-abc123.js'), 'console.log(1)');
writeFileSync(path.join(staffApp, 'assets', 'main-abc123.js.gz'), gzipSync('console.log(1)'));

// Nothing here leaves the machine: Stripe is the in-process emulator, and without IMMERSIO_API_URL
// the procedures that would call Immersio (integration.connect, syncCourses, mapCourse) are fuzzed
// through access checks and input validation, then answer 400 IMMERSIO_NOT_CONNECTED.
const app = useTestApp({
  // Deliveries and e-mails are not what is fuzzed here; the worker would only add load.
  worker: false,
  env: {
    STAFF_APP_DIR: staffApp,
    RATE_LIMIT_UPLOAD: '100000',
    RATE_LIMIT_SYNC: '100000',
    RATE_LIMIT_SIGN_UP: '100000',
    RATE_LIMIT_PASSWORD_RESET: '100000',
    RATE_LIMIT_WEBHOOK: '100000',
    IMMERSIO_WEBHOOK_SECRET: IMMERSIO_SECRET,
    STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
  },
});

let fx: Fixture;
const runs: Failures[] = [];
const started = Date.now();

/** Each test reports only its own failures. */
function track(): Failures {
  const failures = new Failures(causeOf);
  runs.push(failures);
  return failures;
}

beforeAll(async () => {
  fx = await createFixture(app);
});

afterAll(() => {
  rmSync(staffApp, { recursive: true, force: true });
  if (process.env.FUZZ_LOG) writeFileSync(process.env.FUZZ_LOG, captured.logs.join(''));
  const cases = runs.reduce((sum, f) => sum + f.cases, 0);
  if (process.env.FUZZ_STATS) console.info(runs.map((f) => f.statsReport()).join('\n'));
  console.info(`api fuzz: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);
});

/**
 * The logged error of a request: its innermost cause (pino writes it into the stack as "caused
 * by: …", e.g. the database's own message under Drizzle's "Failed query") and the first frame in
 * the app's own modules.
 */
function causeOf(requestId: string | null): string {
  if (!requestId) return '(no request id)';
  const line = captured.logs.find((l) => l.includes(requestId));
  if (!line) return '(nothing logged)';
  const { msg, err } = JSON.parse(line) as {
    msg?: string;
    err?: { type?: string; message?: string; stack?: string };
  };
  const stack = err?.stack ?? '';
  const innermost = stack.split('\ncaused by: ').slice(1).pop()?.split('\n')[0];
  const what = innermost ?? `${err?.type ?? msg}: ${(err?.message ?? '').split('\n')[0]}`;
  const frames = stack.split('\n').filter((l) => l.includes('/src/') && !l.includes('node_modules'));
  const frame = frames.find((l) => !/\/src\/(db|trpc)\//.test(l)) ?? frames[0];
  const at = frame
    ?.trim()
    .replace(/^at (?:async )?(.*?) ?\(?\/.*?\/src\//, '$1 src/')
    .replace(/\)$/, '');
  return `${what.slice(0, 200)}${at ? ` (${at})` : ''}`;
}

/** How many inputs a caller gets: few where the access check refuses before the input is read. */
function runsFor(path: string, access: string | undefined, caller: Caller): number {
  if (caller.name === 'forged') return DENIED_RUNS;
  const admitted =
    access === undefined ||
    access === 'public' ||
    (caller.name !== 'anonymous' && (access !== 'admin' || caller.name === 'admin'));
  return admitted ? (RUNS_FOR[path] ?? RUNS) : DENIED_RUNS;
}

function callProcedure(path: string, type: string, caller: Caller, input: unknown) {
  const encoded = JSON.stringify(superjson.serialize(input));
  const url = `${app.baseUrl}/api/trpc/${path}`;
  const headers = authHeaders(caller);
  if (type === 'query') return send(`${url}?input=${encodeURIComponent(encoded)}`, { headers });
  return send(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: encoded,
  });
}

// Hundreds of generated requests per test: on a loaded 2-core machine they outlast the 30 s default.
describe('API fuzz (fails on any 5xx)', { timeout: 120_000 }, () => {
  it('every tRPC procedure, every caller', async () => {
    const failures = track();
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
    expect(procedures.length).toBeGreaterThan(30);
    const cases: Array<{ path: string; type: string; caller: Caller; input: unknown }> = [];
    for (const [path, procedure] of procedures) {
      const spec = captured.procedures.get(procedure);
      // A procedure built outside the kit declares its input the usual way; none at all gets junk.
      const schema = (spec?.input ?? procedure._def.inputs[0]) as z.core.$ZodType | undefined;
      const arb = schema ? fuzzArbitrary(schema, fx.arbitrary) : fc.oneof(wrongType, fc.jsonValue());
      for (const caller of fx.callers) {
        const inputs = fc.sample(arb, {
          seed: seedFor(SEED, `${path} ${caller.name}`),
          numRuns: runsFor(path, spec?.access, caller),
        });
        for (const input of inputs) cases.push({ path, type: procedure._def.type, caller, input });
      }
    }
    await inParallel(cases, IN_FLIGHT, async (c) => {
      const sent = await callProcedure(c.path, c.type, c.caller, c.input);
      failures.check(`trpc ${c.path}`, c.caller.name, c.input, sent);
    });
    expect.soft(failures.report()).toBe('');
    // A procedure declared some other way than through the kit got junk instead of derived inputs.
    const unseen = procedures.filter(([, p]) => !captured.procedures.has(p) && p._def.inputs.length === 0);
    expect(
      unseen.map(([path]) => path),
      'procedures whose input schema the fuzzer cannot see',
    ).toEqual([]);
    // Some 90 procedures × every caller: several thousand calls, over a minute on a busy 2-core machine.
  }, 360_000);

  it('raw tRPC transport: content types, broken JSON, superjson meta, batches, multipart', async () => {
    const failures = track();
    const cases = await transportCases();
    const callers = fx.callers.filter((c) => c.name === 'anonymous' || c.name === 'admin');
    await inParallel(
      callers.flatMap((caller) => cases.map((c) => ({ caller, c }))),
      IN_FLIGHT,
      async ({ caller, c }) => {
        const headers: Record<string, string> = { ...authHeaders(caller), ...c.headers };
        if (c.contentType) headers['content-type'] = c.contentType;
        const url = `${app.baseUrl}/api/trpc/${c.path}${c.query ? `?${c.query}` : ''}`;
        const sent = await send(url, {
          method: c.method,
          headers,
          ...(c.body !== undefined && { body: c.body }),
        });
        failures.check(`trpc ${c.method} ${c.path} (${c.name})`, caller.name, c.body ?? c.query ?? '', sent);
      },
    );
    // superjson meta that names `__proto__` must not have reached Object.prototype.
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(failures.report()).toBe('');
  });

  it('every REST route, every caller', async () => {
    const failures = track();
    const routes = captured.routes.get(app.running.app) ?? [];
    expect(routes.length).toBeGreaterThan(20);
    const cases = routes.flatMap((route) => {
      const key = `${route.method} ${route.url}`;
      // HEAD runs the GET handler without a body: a few cases check that path of its own.
      const runs = (caller: Caller) =>
        caller.name === 'forged' || route.method === 'HEAD' ? DENIED_RUNS : (RUNS_FOR[key] ?? REST_RUNS);
      // Sign-out with a fuzz caller's token would end the session the other cases use: these
      // callers sign out fresh sessions of their own instead (below).
      if (route.url === '/api/auth/sign-out') {
        const safe = { ...fx, callers: fx.callers.filter((c) => !c.token) };
        return restCases(route, safe, app.baseUrl, runs, SEED).map((c) => ({ route, c }));
      }
      return restCases(route, fx, app.baseUrl, runs, SEED).map((c) => ({ route, c }));
    });
    await inParallel(cases, IN_FLIGHT, async ({ route, c }) => {
      failures.check(`${route.method} ${route.url}`, c.caller, c.input, await send(c.url, c.init));
    });
    for (const body of ['{}', 'null', '{"x":"\\u0000"}', '']) {
      const token = await signIn(app.baseUrl, fx.tenantA.owner.email, fx.tenantA.owner.password);
      const sent = await send(`${app.baseUrl}/api/auth/sign-out`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
        ...(body && { body }),
      });
      failures.check('POST /api/auth/sign-out', 'owner (fresh session)', body, sent);
    }
    expect(failures.report()).toBe('');
  });

  it('signed webhooks with malformed payloads', async () => {
    const failures = track();
    const cases = signedWebhookCases(fx, app.clock.now, WEBHOOK_RUNS, SEED);
    await inParallel(cases, IN_FLIGHT, async (c) => {
      const path = c.target.split(' ')[1]!;
      const sent = await send(`${app.baseUrl}${path}`, { method: 'POST', headers: c.headers, body: c.body });
      failures.check(c.target, 'signed', c.input, sent);
    });
    expect(failures.report()).toBe('');
  });
});
