// The popular class opening (issue 12, part of npm run bench): 1,000 booking requests at once for
// one 100-seat session, spread over two service instances on one fresh PostgreSQL database, next
// to the bare SQL the write needs (conditional update + insert) fired as often through a pg pool
// as large as both instances' pools together. The instances are bench/popular-class-server.ts.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createBenchDatabase, median, spawnBenchChild, stopBenchChild } from './bench-database.ts';

export const SEATS = Number(process.env.BENCH_POPULAR_SEATS ?? 100);
export const REQUESTS = Number(process.env.BENCH_POPULAR_REQUESTS ?? 1000);
export const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
// Off by default, as in bench/bookings.ts: the winners' e-mails (rendered and written to files
// here) would otherwise compete with the rush for the same cores. BENCH_POPULAR_WORKER=on runs it.
export const WORKER = process.env.BENCH_POPULAR_WORKER === 'on';
const TARGET_P99_MS = 300;

export const VARIANTS = [
  { key: 'free', title: 'free class, growth plan (monthly cap)', plan: 'growth', price: 0 },
  { key: 'uncapped', title: 'free class, enterprise plan (no cap)', plan: 'enterprise', price: 0 },
  { key: 'paid', title: 'paid class (Stripe emulator), growth plan', plan: 'growth', price: 2500 },
  { key: 'bare', title: 'bare SQL, one statement (pg pool)', plan: 'enterprise', price: 0 },
] as const;
export type VariantKey = (typeof VARIANTS)[number]['key'];

export interface Fixture {
  variant: VariantKey;
  round: number;
  tenantId: number;
  tenantSlug: string;
  workshopId: number;
  workshopSlug: string;
  sessionId: number;
  startTime: string;
}

interface Outcome {
  status: number;
  code: string | undefined;
  ms: number;
}

export interface PopularRun {
  variant: VariantKey;
  title: string;
  winners: number;
  /** "409 NO_SEATS_AVAILABLE" → count, for every answer that is not a winner. */
  refusals: Record<string, number>;
  winnerMs: Stats;
  refusalMs: Stats;
  wallMs: number;
  /** CPU time during the run (user + system) per request, ms. */
  cpu: Cpu;
  /** After the run: seats, booked_seats and live bookings of the session. */
  seat: { seats: number; booked: number; live: number };
}

interface Stats {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

interface Cpu {
  service: number;
  postgres: number;
  client: number;
}

/** utime + stime of a process in ms, from /proc (Linux; 0 elsewhere). */
async function processCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10 || 0;
}

interface CpuSnapshot {
  service: number;
  /** Per backend serving this database: others' work on the same server is left out. */
  backends: Map<number, number>;
  client: number;
}

/** Where a rush's CPU goes on a shared machine: the instances, PostgreSQL and this process. */
async function cpuSnapshot(probe: Probe): Promise<CpuSnapshot> {
  const { rows } = await probe.pool.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
  );
  const service = await Promise.all(probe.servicePids.map(processCpuMs));
  const own = process.cpuUsage();
  return {
    service: service.reduce((a, b) => a + b, 0),
    backends: new Map(await Promise.all(rows.map(async (r) => [r.pid, await processCpuMs(r.pid)] as const))),
    client: (own.user + own.system) / 1000,
  };
}

/** Per request; a backend that started during the run (a pool growing) counts from zero. */
function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): Cpu {
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  return {
    service: (after.service - before.service) / requests,
    postgres: postgres / requests,
    client: (after.client - before.client) / requests,
  };
}

interface Probe {
  pool: pg.Pool;
  servicePids: number[];
  seatOf(sessionId: number): Promise<PopularRun['seat']>;
}

function probeOf(pool: pg.Pool, servicePids: number[]): Probe {
  return {
    pool,
    servicePids,
    seatOf: async (sessionId) =>
      (
        await pool.query<PopularRun['seat']>(
          `select s.seats, s.booked_seats as booked,
                  (select count(*)::int from bookings b where b.session_id = s.id
                     and b.status in ('pending', 'accepted')) as live
           from workshop_sessions s where s.id = $1`,
          [sessionId],
        )
      ).rows[0]!,
  };
}

function summarise(
  variant: VariantKey,
  outcomes: Outcome[],
  wallMs: number,
  seat: PopularRun['seat'],
  cpu: Cpu,
) {
  const refusals: Record<string, number> = {};
  for (const o of outcomes) {
    if (o.status === 201) continue;
    const key = `${o.status} ${o.code ?? ''}`.trim();
    refusals[key] = (refusals[key] ?? 0) + 1;
  }
  return {
    variant,
    title: VARIANTS.find((v) => v.key === variant)!.title,
    winners: outcomes.filter((o) => o.status === 201).length,
    refusals,
    winnerMs: stats(outcomes.filter((o) => o.status === 201).map((o) => o.ms)),
    refusalMs: stats(outcomes.filter((o) => o.status !== 201).map((o) => o.ms)),
    wallMs,
    cpu,
    seat,
  };
}

/** One POST on its own connection, as a crowd of browsers sends them; ms until the body is read. */
function post(agent: http.Agent, base: string, body: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      `${base}/api/v1/public/bookings`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          let code: string | undefined;
          if (status !== 201) {
            try {
              code = (JSON.parse(Buffer.concat(chunks).toString()) as { code?: string }).code;
            } catch {}
          }
          resolve({ status, code, ms: performance.now() - started });
        });
      },
    );
    request.on('error', (error) =>
      resolve({ status: 0, code: (error as NodeJS.ErrnoException).code, ms: performance.now() - started }),
    );
    request.end(body);
  });
}

function bookingBody(f: Fixture, email: string, startTime = f.startTime) {
  return JSON.stringify({
    tenantSlug: f.tenantSlug,
    workshopSlug: f.workshopSlug,
    startTime,
    attendee: { name: 'Popular Student', email, timeZone: 'Europe/Berlin' },
  });
}

async function httpRun(apps: string[], probe: Probe, f: Fixture, requests = REQUESTS) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  try {
    // Each instance loads the class into its booking catalogue first (no such session: 404), as
    // visitors of the class page would have; the opening itself is what is measured.
    const missing = new Date(Date.parse(f.startTime) + 60_000).toISOString();
    for (const app of apps) await post(agent, app, bookingBody(f, 'warm@bench.test', missing));
    const cpuBefore = await cpuSnapshot(probe);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: requests }, (_, i) =>
        post(agent, apps[i % apps.length]!, bookingBody(f, `student${i}-r${f.round}@bench.test`)),
      ),
    );
    const wallMs = performance.now() - started;
    const cpu = cpuPerRequest(cpuBefore, await cpuSnapshot(probe), requests);
    return summarise(f.variant, outcomes, wallMs, await probe.seatOf(f.sessionId), cpu);
  } finally {
    agent.destroy();
  }
}

const BARE_SQL = `with seat as (
    update workshop_sessions set booked_seats = booked_seats + 1
    where id = $1 and tenant_id = $2 and status = 'scheduled' and start_time > now() and booked_seats < seats
    returning start_time, end_time
  )
  insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time, status,
    attendee_email, attendee_name, attendee_time_zone)
  select $3, $2, $4, $1, 'Popular class', start_time, end_time, 'accepted', $5, 'Popular Student', 'UTC'
  from seat returning id`;

async function bareRun(probe: Probe, f: Fixture) {
  const one = async (i: number): Promise<Outcome> => {
    const started = performance.now();
    // Prepared, as the service's own statement is: planning it again each time would cost more.
    const result = await probe.pool.query({ name: 'popular_bare', text: BARE_SQL }, [
      f.sessionId,
      f.tenantId,
      `booking_${randomBytes(10).toString('hex')}`,
      f.workshopId,
      `bare${i}-r${f.round}@bench.test`,
    ]);
    return { status: result.rowCount === 1 ? 201 : 409, code: 'none', ms: performance.now() - started };
  };
  const cpuBefore = await cpuSnapshot(probe);
  const started = performance.now();
  const outcomes = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => one(i)));
  const wallMs = performance.now() - started;
  const cpu = cpuPerRequest(cpuBefore, await cpuSnapshot(probe), REQUESTS);
  return summarise(f.variant, outcomes, wallMs, await probe.seatOf(f.sessionId), cpu);
}

function spawnInstance(url: string, redisPrefix: string, setup?: string) {
  return spawnBenchChild<{ app: string; fixtures?: Fixture[] }>(
    new URL('./popular-class-server.ts', import.meta.url),
    { ...process.env, DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? '', REDIS_PREFIX: redisPrefix },
    '{"app"',
    setup ? [setup] : [],
  );
}

export async function runPopularClassBench(options: { databaseUrl: string; rounds: number }) {
  const database = await createBenchDatabase(options.databaseUrl, 'ibs_bench_popular');
  const redisPrefix = `ibs-bench-popular-${randomBytes(4).toString('hex')}:`;
  const setup = JSON.stringify({ rounds: options.rounds });
  // The first instance migrates and creates the schools; the second starts on the migrated database.
  const one = spawnInstance(database.url, redisPrefix, setup);
  const children = [one.child];
  // Idle connections stay open between runs, so every bare run starts on warm ones.
  const pool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE * 2, idleTimeoutMillis: 0 });
  try {
    const first = await one.ready;
    const two = spawnInstance(database.url, redisPrefix);
    children.push(two.child);
    const apps = [first.app, (await two.ready).app];
    const fixtures = first.fixtures!;
    const pids = children.map((c) => c.pid!);
    // The bare statements start on open connections, as the instances' pools have theirs.
    await Promise.all(Array.from({ length: POOL_SIZE * 2 }, () => pool.query('select 1')));
    // A first rush on classes of their own compiles the hot paths of both instances, opens their
    // pools' connections and prepares their statements; not reported.
    const probe = probeOf(pool, pids);
    for (const f of fixtures.filter((x) => x.round === -1)) await httpRun(apps, probe, f, 300);
    const runs: PopularRun[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const f of fixtures.filter((x) => x.round === round)) {
        runs.push(f.variant === 'bare' ? await bareRun(probe, f) : await httpRun(apps, probe, f));
      }
    }
    return { runs, rounds: options.rounds, poolSize: POOL_SIZE, redis: Boolean(process.env.REDIS_URL) };
  } finally {
    await pool.end();
    for (const child of children) await stopBenchChild(child);
    await database.drop();
  }
}

export type PopularClassResult = Awaited<ReturnType<typeof runPopularClassBench>>;

const ms = (s: Stats) => [s.p50, s.p90, s.p99, s.max].map((v) => v.toFixed(0)).join('/');

export function formatPopularClassBench(result: PopularClassResult): string {
  const lines = [
    `popular class opening: ${REQUESTS} requests at once for one ${SEATS}-seat session, two instances ` +
      `(pool ${result.poolSize} each${result.redis ? ', Redis' : ''}, outbox worker ${WORKER ? 'on' : 'off'}), ${result.rounds} round(s), medians`,
    `${'target'.padEnd(42)} ${'winners'.padStart(11)}  ${'answers other than 201'.padEnd(28)} ` +
      `${'winners ms p50/90/99/max'.padStart(24)} ${'refusals ms p50/90/99/max'.padStart(26)} wall ms  CPU ms/req: service/PostgreSQL/client`,
  ];
  const verdicts: string[] = [];
  for (const variant of VARIANTS) {
    const runs = result.runs.filter((r) => r.variant === variant.key);
    if (runs.length === 0) continue;
    const pick = (f: (r: PopularRun) => Stats): Stats => ({
      p50: median(runs.map((r) => f(r).p50)),
      p90: median(runs.map((r) => f(r).p90)),
      p99: median(runs.map((r) => f(r).p99)),
      max: median(runs.map((r) => f(r).max)),
    });
    const refusals = [...new Set(runs.flatMap((r) => Object.keys(r.refusals)))]
      .map((k) => `${median(runs.map((r) => r.refusals[k] ?? 0))}× ${k}`)
      .join(', ');
    const winners = pick((r) => r.winnerMs);
    const refused = pick((r) => r.refusalMs);
    const wall = median(runs.map((r) => r.wallMs)).toFixed(0);
    const cpu = (['service', 'postgres', 'client'] as const)
      .map((k) => median(runs.map((r) => r.cpu[k])).toFixed(2))
      .join('/');
    const counts = runs.map((r) => r.winners).join('/');
    lines.push(
      `${variant.title.padEnd(42)} ${counts.padStart(11)}  ${refusals.padEnd(28)} ${ms(winners).padStart(24)} ` +
        `${ms(refused).padStart(26)} ${wall.padStart(7)}  ${cpu}`,
    );
    if (variant.key === 'bare') continue;
    const p99 = Math.max(winners.p99, refused.p99);
    const exact = runs.every((r) => r.winners === SEATS && r.seat.booked === SEATS && r.seat.live === SEATS);
    const all409 = runs.every((r) => Object.keys(r.refusals).every((k) => k === '409 NO_SEATS_AVAILABLE'));
    verdicts.push(
      `${variant.key}: p99 ${p99.toFixed(0)} ms (target <= ${TARGET_P99_MS}: ${p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}), ` +
        `exactly ${SEATS} winners and seats counted (${exact ? 'met' : 'MISSED'}), ` +
        `every refusal 409 NO_SEATS_AVAILABLE (${all409 ? 'met' : 'MISSED'})`,
    );
  }
  return [...lines, ...verdicts].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Alone: `node bench/popular-class.ts` runs only this section (BENCH_ROUNDS, BENCH_DATABASE_URL).
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const result = await runPopularClassBench({ databaseUrl, rounds: Number(process.env.BENCH_ROUNDS ?? 3) });
  console.log(formatPopularClassBench(result));
}
