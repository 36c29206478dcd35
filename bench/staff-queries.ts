// The staff screens' reads with 100,000 bookings for one school (issue 11's budget: the bookings
// list and the overview answer in <= 50 ms server time, with index use). Part of `npm run bench`,
// or alone: `node bench/staff-queries.ts` (BENCH_DATABASE_URL, default the local PostgreSQL;
// BENCH_STAFF_BOOKINGS, default 100000). On a fresh database: the real service in this process,
// each procedure called over HTTP as @trpc/client sends it (one at a time: latency, not
// throughput) beside a bare Fastify route sending the same bytes, then every SQL statement the
// call ran, captured from the pg driver, EXPLAIN ANALYZEd: its time and the indexes it used.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import superjson from 'superjson';
import { startApp } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';
import { seedStaffSchool } from './staff-data.ts';

const BOOKINGS = Number(process.env.BENCH_STAFF_BOOKINGS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_STAFF_SAMPLES ?? 40);
const TARGET_MS = 50;

interface Captured {
  text: string;
  values: unknown[];
}

// The driver's own query method, wrapped while this benchmark runs: the statements a call runs,
// with their parameters (the service is in this process, so its pool uses this class).
let capture: Captured[] | undefined;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
function recordQueries(): () => void {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (capture) {
      if (typeof first === 'string') capture.push({ text: first, values: (second as unknown[]) ?? [] });
      else if (first && typeof first === 'object' && 'text' in first) {
        const q = first as { text: string; values?: unknown[] };
        capture.push({ text: q.text, values: q.values ?? (second as unknown[]) ?? [] });
      }
    }
    return originalQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return () => {
    pg.Client.prototype.query = originalQuery as typeof pg.Client.prototype.query;
  };
}

export interface StaffQueryResult {
  name: string;
  medianMs: number;
  p99Ms: number;
  bareMedianMs: number;
  statements: { ms: number; indexes: string[]; seqScans: string[] }[];
}

export async function runStaffQueryBench(
  databaseUrl: string,
): Promise<{ bookings: number; results: StaffQueryResult[] }> {
  const stopRecording = recordQueries();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const dbName = `ibs_bench_staff_${process.pid}`;
  await admin.query(`drop database if exists ${dbName}`);
  await admin.query(`create database ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  const env = parseEnv({
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_URL: '',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-staff-')),
    RATE_LIMITS: 'off',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
    STRIPE_EMULATOR: 'off',
  });
  const running = await startApp({ env, worker: false });
  const explain = new pg.Client({ connectionString: url.toString() });
  const bare = Fastify();
  try {
    const big = await seedStaffSchool(running, { slug: 'big-school', bookings: BOOKINGS });
    // A second, small school: every query must find its tenant's rows without reading the big one's.
    await seedStaffSchool(running, { slug: 'small-school', bookings: 2_000, workshops: 5 });
    const base = await running.listen({ port: 0, host: '127.0.0.1' });
    await explain.connect();

    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(big.owner),
    });
    const { token } = (await signIn.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const aSession = (
      await explain.query(
        `select id from workshop_sessions where tenant_id = $1 and start_time > now() order by start_time limit 1`,
        [big.tenantId],
      )
    ).rows[0] as { id: number };
    const today = new Date();
    const day = (offset: number) =>
      new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

    const cases: { name: string; path: string; input: unknown }[] = [
      { name: 'booking.list (first page)', path: 'immersio.booking.list', input: {} },
      { name: 'booking.list (page 40)', path: 'immersio.booking.list', input: { page: 40 } },
      {
        name: 'booking.list (accepted, next 7 days)',
        path: 'immersio.booking.list',
        input: { status: 'accepted', from: day(0), to: day(7) },
      },
      {
        name: 'booking.list (one workshop)',
        path: 'immersio.booking.list',
        input: { workshopId: big.workshopIds[3] },
      },
      {
        name: 'booking.sessionRoster',
        path: 'immersio.booking.sessionRoster',
        input: { sessionId: aSession.id },
      },
      { name: 'tenant.getOverview (week)', path: 'immersio.tenant.getOverview', input: { period: 'week' } },
      { name: 'tenant.getOverview (month)', path: 'immersio.tenant.getOverview', input: { period: 'month' } },
      { name: 'tenant.getOverview (year)', path: 'immersio.tenant.getOverview', input: { period: 'year' } },
      { name: 'tenant.getStats (month)', path: 'immersio.tenant.getStats', input: { period: 'month' } },
      {
        name: 'calendar.sessions (month)',
        path: 'immersio.calendar.sessions',
        input: {
          from: new Date(today.getTime() - 14 * 86_400_000),
          to: new Date(today.getTime() + 17 * 86_400_000),
        },
      },
      { name: 'workshop.list', path: 'immersio.workshop.list', input: {} },
    ];

    const bodies = new Map<string, string>();
    bare.get('/bare/:i', async (req, reply) =>
      reply.type('application/json').send(bodies.get((req.params as { i: string }).i)),
    );
    const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });

    const results: StaffQueryResult[] = [];
    for (const [i, c] of cases.entries()) {
      const url = `${base}/api/trpc/${c.path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(c.input)))}`;
      const first = await fetch(url, { headers });
      const body = await first.text();
      if (first.status !== 200) throw new Error(`${c.name}: ${first.status} ${body.slice(0, 300)}`);
      bodies.set(String(i), body);
      const timings = await sample(() => fetch(url, { headers }).then((r) => r.arrayBuffer()));
      const bareTimings = await sample(() => fetch(`${bareBase}/bare/${i}`).then((r) => r.arrayBuffer()));
      capture = [];
      await fetch(url, { headers }).then((r) => r.arrayBuffer());
      const statements = capture.filter((s) => /^\s*(select|with)/i.test(s.text));
      capture = undefined;
      const plans = [];
      for (const statement of statements) plans.push(await explainStatement(explain, statement));
      results.push({
        name: c.name,
        medianMs: percentile(timings, 50),
        p99Ms: percentile(timings, 99),
        bareMedianMs: percentile(bareTimings, 50),
        statements: plans,
      });
    }
    return { bookings: big.bookings, results };
  } finally {
    await bare.close();
    await explain.end().catch(() => {});
    await running.close();
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
    stopRecording();
  }
}

async function sample(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const timings: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    timings.push(performance.now() - started);
  }
  return timings;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10;
}

async function explainStatement(client: pg.Client, statement: Captured) {
  const result = await client.query(
    `explain (analyze, format json) ${statement.text}`,
    statement.values as unknown[],
  );
  const [plan] = (result.rows[0] as { 'QUERY PLAN': { 'Execution Time': number; Plan: PlanNode }[] })[
    'QUERY PLAN'
  ];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) seqScans.add(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan!.Plan);
  return {
    ms: Math.round(plan!['Execution Time'] * 100) / 100,
    indexes: [...indexes],
    seqScans: [...seqScans],
  };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

export function formatStaffQueryBench(run: { bookings: number; results: StaffQueryResult[] }): string {
  const lines = [
    `staff screens' reads on PostgreSQL, ${run.bookings.toLocaleString('en')} bookings in one school (+ a small school), ${SAMPLES} sequential calls each`,
    `${'procedure'.padEnd(40)} ${'median'.padStart(7)} ${'p99'.padStart(7)} ${'bare'.padStart(6)}  SQL ms (sum)  target <= ${TARGET_MS} ms`,
  ];
  for (const r of run.results) {
    const sqlMs = r.statements.reduce((sum, s) => sum + s.ms, 0);
    lines.push(
      `${r.name.padEnd(40)} ${r.medianMs.toFixed(1).padStart(7)} ${r.p99Ms.toFixed(1).padStart(7)} ${r.bareMedianMs.toFixed(1).padStart(6)}  ${sqlMs.toFixed(2).padStart(12)}  ${r.medianMs <= TARGET_MS ? 'met' : 'MISSED'}`,
    );
    for (const s of r.statements) {
      const seq = s.seqScans.length ? `; seq scan: ${s.seqScans.join(', ')}` : '';
      lines.push(`    ${s.ms.toFixed(2).padStart(7)} ms  ${s.indexes.join(', ') || '(no index)'}${seq}`);
    }
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(formatStaffQueryBench(await runStaffQueryBench(databaseUrl)));
  process.exit(0);
}
