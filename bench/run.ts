// npm run bench: throughput and latency of the service against a bare Fastify route measured
// in the same run on the same machine. Targets are printed beside the figures, never asserted
// in tests. BENCH_DURATION (seconds, default 10), BENCH_ROUNDS (default 3) and BENCH_CONNECTIONS
// (default 50) tune it; BENCH_NODE_FLAGS passes flags to the server process. The popular class
// section (bench/popular-class.ts) takes BENCH_POPULAR_REQUESTS, _SEATS and _WORKER; issue 16's
// writes (bench/seat-finding.ts) take BENCH_COURSES, BENCH_SESSIONS and BENCH_PASS_HOLDERS.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import autocannon from 'autocannon';
import superjson from 'superjson';
import type { AppRouter } from '../src/trpc/router.ts';
import type { BareRoute } from './bare-servers.ts';
import { spawnBenchChild } from './bench-database.ts';
import { runBookingBench } from './bookings.ts';
import { choosePinning } from './pinning.ts';
import { formatPopularClassBench, runPopularClassBench } from './popular-class.ts';
import { formatSeatFindingBench, runSeatFindingBench } from './seat-finding.ts';
import { formatSlotBookingBench, runSlotBookingBench } from './slot-booking.ts';
import { formatSlotBench, runSlotBench } from './slots.ts';
import { formatStaffQueryBench, runStaffQueryBench } from './staff-queries.ts';
import { PREVIEW_DRAFT } from './staff-settings.ts';
import { formatDeliveryBench, runDeliveryBench } from './webhook-delivery.ts';
import { measureIngest } from './webhook-ingest.ts';

/** utime + stime of a process in ms, from /proc (Linux). */
async function serverCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const TINY = JSON.stringify({ id: 1, name: 'Language Academy', slug: 'language-academy', ok: true });
const WEBHOOK_ANSWER = JSON.stringify({ success: true, processed: true });

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const pinning = choosePinning();
const service = spawnBenchChild<{ app: string; database: string }>(
  new URL('./servers.ts', import.meta.url),
  process.env,
  '{"app"',
  [],
  pinning.server,
);
const child = service.child;
const { app, database } = await service.ready;
let bareChild: ChildProcess | undefined;

pinning.pinLoad();
try {
  const signIn = await fetch(`${app}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@language-academy.test', password: 'demo-admin-password' }),
  });
  if (signIn.status !== 200) throw new Error(`demo sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const { token } = (await signIn.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  // Capture exactly what @trpc/client's httpLink sends for tenant.get, and check it answers.
  let trpcPath = '';
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${app}/api/trpc`,
        transformer: superjson,
        headers,
        fetch: (url, init) => {
          trpcPath = String(url).slice(app.length);
          return fetch(url, init);
        },
      }),
    ],
  });
  // An API key (issue 15), to call the same procedure as the session (made first: the path
  // captured below must be tenant.get's).
  const { key: apiKey } = await client.immersio.apiKey.create.mutate({ name: 'bench' });
  const tenant = await client.immersio.tenant.get.query({});
  if (tenant.slug !== 'language-academy') throw new Error('tenant.get returned the wrong tenant');

  const keyHeaders = { authorization: `Bearer ${apiKey}` };
  const previewPost = { method: 'POST' as const, body: JSON.stringify(PREVIEW_DRAFT) };
  const json = { 'content-type': 'application/json' };
  const bare = await startBareTwins([
    { method: 'GET', path: '/bare', contentType: 'application/json; charset=utf-8', body: Buffer.from(TINY) },
    { path: '/bare-same', ...(await sent(`${app}${trpcPath}`, { headers })) },
    { path: '/bare-landing', ...(await sent(`${app}/api/v1/public/landing/language-academy`)) },
    { path: '/bare-landing-html', ...(await sent(`${app}/language-academy`)) },
    {
      path: '/bare-preview',
      ...(await sent(`${app}/api/v1/staff/landing/preview`, {
        headers: { ...headers, ...json },
        ...previewPost,
      })),
    },
    // What the webhook endpoint answers, from a route that only parses the JSON body.
    {
      method: 'POST',
      path: '/bare-webhook',
      contentType: 'application/json; charset=utf-8',
      body: Buffer.from(WEBHOOK_ANSWER),
    },
  ]);

  const measure = async (
    title: string,
    url: string,
    requestHeaders: Record<string, string> = {},
    request: { method?: 'POST'; body?: string } = {},
  ) => {
    const options = { url, connections, headers: requestHeaders, ...request };
    await autocannon({ ...options, duration: 1 }); // warm-up
    // Each target's own process: the bare twins run in theirs.
    const pid = url.startsWith(bare) ? bareChild!.pid! : child.pid!;
    const cpuBefore = await serverCpuMs(pid);
    const result = await autocannon({ ...options, duration });
    const cpuMs = (await serverCpuMs(pid)) - cpuBefore;
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${title}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    }
    // Server CPU per request is steadier than req/s when autocannon shares the machine.
    return {
      title,
      rps: result.requests.average,
      p99: result.latency.p99,
      cpuUs: (cpuMs * 1000) / result.requests.total,
    };
  };

  // Rounds alternate the targets and report medians: a shared 2-core machine is noisy.
  const targets: Array<[string, string, Record<string, string>, { method?: 'POST'; body?: string }?]> = [
    ['bare Fastify, tiny JSON', `${bare}/bare`, {}],
    ["bare Fastify, tenant.get's exact body", `${bare}/bare-same`, {}],
    ['tRPC immersio.tenant.get (session, httpLink)', `${app}${trpcPath}`, headers],
    ["bare Fastify, the landing's exact body", `${bare}/bare-landing`, {}],
    ['GET /api/v1/public/landing/language-academy', `${app}/api/v1/public/landing/language-academy`, {}],
    ["bare Fastify, the landing page's exact HTML", `${bare}/bare-landing-html`, {}],
    ['GET /language-academy (HTML page)', `${app}/language-academy`, {}],
    ['tRPC immersio.tenant.get (API key, httpLink)', `${app}${trpcPath}`, keyHeaders],
    ["bare Fastify POST, the preview's exact HTML", `${bare}/bare-preview`, json, previewPost],
    [
      'POST /api/v1/staff/landing/preview (draft)',
      `${app}/api/v1/staff/landing/preview`,
      { ...headers, ...json },
      previewPost,
    ],
  ];
  const samples = targets.map(() => [] as Array<Awaited<ReturnType<typeof measure>>>);
  for (let round = 0; round < rounds; round++) {
    for (const [index, [title, url, h, request]] of targets.entries())
      samples[index]!.push(await measure(title, url, h, request));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rows = samples.map((runs) => ({
    title: runs[0]!.title,
    rps: median(runs.map((r) => r.rps)),
    p99: median(runs.map((r) => r.p99)),
    cpuUs: median(runs.map((r) => r.cpuUs)),
  }));

  const base = rows[1]!.rps;
  console.log(
    `\nbenchmark: ${rounds} round(s) of ${duration}s per target (medians), ${connections} connections, database ${database}, rate limits off, ${pinning.describe}; bare twins in a process of their own`,
  );
  console.log(
    'target                                            req/s     p99 ms   ratio   server CPU µs/req',
  );
  for (const row of rows) {
    console.log(
      `${row.title.padEnd(48)} ${row.rps.toFixed(0).padStart(8)} ${String(row.p99).padStart(8)}   ${(row.rps / base).toFixed(2)}   ${row.cpuUs.toFixed(1).padStart(8)}`,
    );
  }
  const ratio = rows[2]!.rps / base;
  const tiny = rows[2]!.rps / rows[0]!.rps;
  const verdict = ratio >= 0.5 ? 'met' : 'MISSED';
  console.log(
    `\ntenant.get / bare (same body) = ${ratio.toFixed(2)} (target >= 0.5: ${verdict}); against the tiny body: ${tiny.toFixed(2)}`,
  );
  const landing = rows[4]!;
  const landingRatio = landing.rps / rows[3]!.rps;
  console.log(
    `public landing / bare (same body) = ${landingRatio.toFixed(2)} (target >= 0.7: ${landingRatio >= 0.7 ? 'met' : 'MISSED'}); p99 ${landing.p99} ms (target < 20: ${landing.p99 < 20 ? 'met' : 'MISSED'})`,
  );

  const page = rows[6]!;
  console.log(
    `landing HTML page / bare (same bytes) = ${(page.rps / rows[5]!.rps).toFixed(2)}; p99 ${page.p99} ms (no target; the JSON landing's targets are the reference)`,
  );
  const keyed = rows[7]!.rps / base;
  console.log(
    `tenant.get with an API key / bare (same body) = ${keyed.toFixed(2)} (target >= 0.5, as with a session: ${keyed >= 0.5 ? 'met' : 'MISSED'}); key / session = ${(rows[7]!.rps / rows[2]!.rps).toFixed(2)}`,
  );
  const preview = rows[9]!;
  // No target: one admin's editor posts at most a few drafts a second, each rendered afresh (the
  // public page is served from the render cache), so the CPU per preview is the figure to watch.
  console.log(
    `landing preview / bare POST (same bytes) = ${(preview.rps / rows[8]!.rps).toFixed(2)}; p99 ${preview.p99} ms at ${connections} connections; ${(preview.cpuUs / 1000).toFixed(1)} ms server CPU per preview`,
  );

  // Signed webhook ingestion against a bare route that parses the same JSON, alternating rounds.
  const ingest: Array<{ app: { rps: number; p99: number }; bare: { rps: number; p99: number } }> = [];
  await measureIngest(app, '/api/v1/webhooks/immersio', connections, 1);
  for (let round = 0; round < rounds; round++) {
    ingest.push({
      bare: await measureIngest(bare, '/bare-webhook', connections, duration),
      app: await measureIngest(app, '/api/v1/webhooks/immersio', connections, duration),
    });
  }
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ingestApp = mid(ingest.map((r) => r.app.rps));
  const ingestBare = mid(ingest.map((r) => r.bare.rps));
  console.log(
    `\nwebhook ingestion (signed student.enrolled, one whitelist entry each): ${ingestApp.toFixed(0)} req/s, p99 ${mid(ingest.map((r) => r.app.p99))} ms; bare Fastify POST ${ingestBare.toFixed(0)} req/s; ratio ${(ingestApp / ingestBare).toFixed(2)}`,
  );
} finally {
  child.kill('SIGTERM');
  bareChild?.kill('SIGTERM');
  // The later sections spawn servers and PostgreSQL does the work: every core again.
  pinning.release();
}

// Slot computation (issue 14), pure and in process: a month, 500 busy entries (bench/slots.ts).
console.log(`\n${formatSlotBench(runSlotBench())}`);

// Bookings are measured on PostgreSQL (BENCH_DATABASE_URL, default the local server).
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (await reachable(databaseUrl)) {
  const b = await runBookingBench({ databaseUrl, connections, duration, rounds });
  const ratio = b.http.rps / b.raw.rps;
  console.log(
    `\nbookings on PostgreSQL: ${rounds} round(s) of ${duration}s (medians), ${connections} connections`,
  );
  console.log('target                                            req/s     p99 ms   ratio');
  console.log(
    `${'bare SQL booking transaction (pg pool)'.padEnd(48)} ${b.raw.rps.toFixed(0).padStart(8)} ${String(b.raw.p99).padStart(8)}   1.00`,
  );
  console.log(
    `${'POST /api/v1/public/bookings (free workshop)'.padEnd(48)} ${b.http.rps.toFixed(0).padStart(8)} ${String(b.http.p99).padStart(8)}   ${ratio.toFixed(2)}`,
  );
  console.log(
    `booking over HTTP / bare SQL = ${ratio.toFixed(2)} (target >= 0.7: ${ratio >= 0.7 ? 'met' : 'MISSED'}); p99 ${b.http.p99} ms (target <= 50: ${b.http.p99 <= 50 ? 'met' : 'MISSED'}); ${b.bookings} bookings, overbooked sessions: ${b.overbooked}, miscounted: ${b.miscounted} (target 0: ${b.overbooked + b.miscounted === 0 ? 'met' : 'MISSED'})`,
  );
  // Slot booking (issue 14): the slots answer and a new 1:1 slot per request (bench/slot-booking.ts).
  console.log(
    `\n${formatSlotBookingBench(await runSlotBookingBench({ databaseUrl, connections, duration, rounds }))}`,
  );
  // Issue 16's writes: a whole-course enrolment, a booking paid by a class pass and a waitlist
  // join, each against the bare SQL it needs (bench/seat-finding.ts).
  const seatOptions = { databaseUrl, connections, duration, rounds };
  console.log(`\n${formatSeatFindingBench(await runSeatFindingBench(seatOptions), seatOptions)}`);
  // A popular class opening (issue 12): 1,000 requests at once for 100 seats over two instances.
  console.log(`\n${formatPopularClassBench(await runPopularClassBench({ databaseUrl, rounds }))}`);
  // Outgoing webhooks: outbox delivery to a local receiver (deliveries/s, commit→delivery latency).
  console.log(`\n${formatDeliveryBench(await runDeliveryBench({ databaseUrl }))}`);
  // The staff app's reads with 100,000 bookings in one school (issue 11: <= 50 ms, indexes used).
  console.log(`\n${formatStaffQueryBench(await runStaffQueryBench(databaseUrl))}`);
} else {
  console.log(
    `\nbookings, issue 16 writes, popular class, webhook delivery and staff query benchmarks skipped: no PostgreSQL at ${databaseUrl} (set BENCH_DATABASE_URL)`,
  );
}

/** The exact bytes and content type the service answers, for a bare twin to send back. */
async function sent(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return {
    method: (init.method ?? 'GET') as 'GET' | 'POST',
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** Starts bench/bare-servers.ts with these routes and resolves to its address. */
async function startBareTwins(
  routes: Array<{ method: 'GET' | 'POST'; path: string; contentType: string; body: Buffer }>,
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-bare-'));
  const file = path.join(dir, 'routes.json');
  const wire: BareRoute[] = routes.map((route) => ({ ...route, body: route.body.toString('base64') }));
  await writeFile(file, JSON.stringify(wire));
  const twins = spawnBenchChild<{ bare: string }>(
    new URL('./bare-servers.ts', import.meta.url),
    process.env,
    '{"bare"',
    [file],
    pinning.server,
  );
  bareChild = twins.child;
  return (await twins.ready).bare;
}

async function reachable(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
