// Issue 16's writes (part of npm run bench), each over HTTP against the bare SQL it needs from a
// plain pg pool, on a fresh PostgreSQL database (the service: bench/seat-finding-server.ts):
// - a whole-course enrolment, free, 4 sessions (POST /api/v1/public/enrolments) against one
//   transaction that inserts the enrolment and, per session, takes the seat and inserts the
//   booking (one statement each, as the service's);
// - a paid class booked with a class pass (POST /api/v1/public/bookings, the pass pays) against
//   one transaction: the seat and booking statement, then the credit update (finding the
//   holder's pass by e-mail, as a booking must) with its ledger row;
// - joining a full session's waitlist (POST /api/v1/public/waitlist) against the bare insert of
//   the entry.
// Then a check that no session is overbooked or miscounted, every enrolment holds all its seats,
// every pass booking took a credit (none went to checkout) and every pass matches its ledger.
// Each row also shows the CPU a request cost the service and PostgreSQL, steadier than req/s on
// a shared machine. `node bench/seat-finding.ts` runs this section alone.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createBenchDatabase, median, spawnBenchChild, stopBenchChild } from './bench-database.ts';
import {
  bareWrites,
  type Counter,
  checkAnswer,
  httpRequests,
  KINDS,
  type Kind,
  type Ready,
} from './seat-finding-writes.ts';

// Targets: a write over HTTP keeps at least half the bare SQL's rate (as a single booking and a
// slot booking do); p99 at 50 connections within a booking's 50 ms, doubled for an enrolment,
// which writes four seats and bookings in its one transaction.
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = { enrolment: 100, pass: 50, waitlist: 50 } as const;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** CPU time per request, µs: the service process (0 for bare SQL) and this database's backends. */
  serviceUs: number;
  postgresUs: number;
}

type Timed = Omit<Run, 'serviceUs' | 'postgresUs'> & { requests: number };

/** utime + stime of a process in ms, from /proc (Linux; 0 elsewhere). */
async function processCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10 || 0;
}

/**
 * Runs `timed` and adds where its CPU went: a shared machine's noise moves req/s and p99 far
 * more than the work per request. PostgreSQL's share is summed over this database's backends
 * (others' work on the same server is left out; a backend started meanwhile counts from zero).
 */
async function withCpu(pool: pg.Pool, servicePid: number, timed: () => Promise<Timed>): Promise<Run> {
  const snapshot = async () => {
    const { rows } = await pool.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
    );
    const backends = await Promise.all(rows.map(async (r) => [r.pid, await processCpuMs(r.pid)] as const));
    return { service: await processCpuMs(servicePid), backends: new Map(backends) };
  };
  const before = await snapshot();
  const { requests, ...run } = await timed();
  const after = await snapshot();
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(requests, 1));
  return { ...run, serviceUs: perRequest(after.service - before.service), postgresUs: perRequest(postgres) };
}

export interface SeatFindingBenchResult {
  runs: Record<Kind, { http: Run; raw: Run }>;
  check: {
    overbooked: number;
    miscounted: number;
    enrolments: number;
    incomplete: number;
    passBookings: number;
    checkout: number;
    passMiscounted: number;
    waiting: number;
  };
}

async function sqlRun(
  pool: pg.Pool,
  ready: Ready,
  kind: Kind,
  counter: Counter,
  connections: number,
  seconds: number,
): Promise<Timed> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = counter.next++;
      const started = performance.now();
      const client = await pool.connect();
      try {
        await bareWrites[kind](client, ready, n);
      } finally {
        client.release();
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.floor(latencies.length * q)] ?? 0) * 10) / 10;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), requests: latencies.length };
}

async function httpRun(
  ready: Ready,
  kind: Kind,
  counter: Counter,
  connections: number,
  seconds: number,
): Promise<Timed> {
  const result = await autocannon({
    url: ready.app,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const { path, body } = httpRequests[kind](ready, counter.next++);
          return { ...request, path, body: JSON.stringify(body) };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${kind} over HTTP: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

export async function runSeatFindingBench(options: {
  databaseUrl: string;
  connections: number;
  duration: number;
  rounds: number;
}): Promise<SeatFindingBenchResult> {
  const database = await createBenchDatabase(options.databaseUrl, 'ibs_bench_seats');
  const { child, ready: started } = spawnBenchChild<Ready>(
    new URL('./seat-finding-server.ts', import.meta.url),
    { ...process.env, DATABASE_URL: database.url, REDIS_URL: '' },
    '{"app"',
  );
  const pool = new pg.Pool({ connectionString: database.url, max: options.connections });
  try {
    const ready = await started;
    const counters = Object.fromEntries(
      KINDS.map((k) => [k, { http: { next: 0 }, raw: { next: 0 } }]),
    ) as Record<Kind, { http: Counter; raw: Counter }>;
    const samples = Object.fromEntries(
      KINDS.map((k) => [k, { http: [] as Run[], raw: [] as Run[] }]),
    ) as Record<Kind, { http: Run[]; raw: Run[] }>;
    const { connections, duration } = options;
    // Warm-up, then alternating rounds; medians are reported.
    for (const kind of KINDS) {
      await checkAnswer(ready, kind, counters[kind].http);
      await httpRun(ready, kind, counters[kind].http, connections, 1);
      await sqlRun(pool, ready, kind, counters[kind].raw, connections, 1);
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const kind of KINDS) {
        const { raw, http } = counters[kind];
        samples[kind].raw.push(
          await withCpu(pool, child.pid!, () => sqlRun(pool, ready, kind, raw, connections, duration)),
        );
        samples[kind].http.push(
          await withCpu(pool, child.pid!, () => httpRun(ready, kind, http, connections, duration)),
        );
      }
    }
    const mid = (list: Run[]): Run => ({
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      serviceUs: median(list.map((r) => r.serviceUs)),
      postgresUs: median(list.map((r) => r.postgresUs)),
    });
    const runs = Object.fromEntries(
      KINDS.map((k) => [k, { http: mid(samples[k].http), raw: mid(samples[k].raw) }]),
    ) as SeatFindingBenchResult['runs'];
    // Grouped rather than correlated: tens of thousands of enrolments and bookings by now.
    const check = await pool.query<SeatFindingBenchResult['check']>(
      `with live as (
         select session_id, count(*) as n from bookings where status in ('pending', 'accepted') group by session_id
       ), credits as (
         select student_pass_id, sum(delta) as n from pass_credit_entries group by student_pass_id
       )
       select (select count(*)::int from workshop_sessions where booked_seats > seats) as overbooked,
              (select count(*)::int from workshop_sessions s left join live on live.session_id = s.id
                 where s.booked_seats <> coalesce(live.n, 0)) as miscounted,
              (select count(*)::int from enrolments) as enrolments,
              (select count(*)::int from enrolments e
                 left join (select series_uid, count(*) as n from bookings where status = 'accepted'
                              and series_uid is not null group by series_uid) b on b.series_uid = e.uid
                 where e.session_count <> coalesce(b.n, 0)) as incomplete,
              (select count(*)::int from pass_credit_entries where kind = 'booking') as "passBookings",
              (select count(*)::int from bookings b
                 where b.workshop_id = any($1::int[]) and not (b.paid and b.status = 'accepted')) as checkout,
              (select count(*)::int from student_passes sp left join credits on credits.student_pass_id = sp.id
                 where sp.credits_remaining <> coalesce(credits.n, 0)) as "passMiscounted",
              (select count(*)::int from waitlist_entries) as waiting`,
      [[ready.pass.http.workshopId, ready.pass.raw.workshopId]],
    );
    return { runs, check: check.rows[0]! };
  } finally {
    await pool.end();
    await stopBenchChild(child);
    await database.drop();
  }
}

const TITLES: Record<Kind, { raw: string; http: string; verdict: string }> = {
  enrolment: {
    raw: 'bare SQL enrolment transaction, 4 seats (pg pool)',
    http: 'POST /api/v1/public/enrolments (free, 4 sessions)',
    verdict: 'enrolment / bare SQL',
  },
  pass: {
    raw: 'bare SQL seat + booking + pass credit (pg pool)',
    http: 'POST /api/v1/public/bookings (paid by a pass)',
    verdict: 'pass booking / bare SQL',
  },
  waitlist: {
    raw: 'bare SQL waitlist insert (pg pool)',
    http: 'POST /api/v1/public/waitlist (a full session)',
    verdict: 'waitlist join / bare insert',
  },
};

export function formatSeatFindingBench(
  r: SeatFindingBenchResult,
  options: { rounds: number; duration: number; connections: number },
) {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const row = (title: string, run: Run, ratio: number) =>
    `${title.padEnd(52)} ${run.rps.toFixed(0).padStart(8)} ${String(run.p50).padStart(7)} ${String(run.p99).padStart(7)}   ${ratio.toFixed(2)}   ${`${run.serviceUs}/${run.postgresUs}`.padStart(11)}`;
  const lines = [
    `issue 16 writes on PostgreSQL: ${options.rounds} round(s) of ${options.duration}s (medians), ${options.connections} connections`,
    'target                                                  req/s  p50 ms  p99 ms   ratio   CPU µs/req: service/PostgreSQL',
  ];
  const verdicts: string[] = [];
  for (const kind of KINDS) {
    const { http, raw } = r.runs[kind];
    const ratio = http.rps / raw.rps;
    lines.push(row(TITLES[kind].raw, raw, 1), row(TITLES[kind].http, http, ratio));
    verdicts.push(
      `${TITLES[kind].verdict} = ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${met(ratio >= TARGET_RATIO)}); ` +
        `p99 ${http.p99} ms (target <= ${TARGET_P99_MS[kind]}: ${met(http.p99 <= TARGET_P99_MS[kind])})`,
    );
  }
  const c = r.check;
  const wrong = c.overbooked + c.miscounted + c.incomplete + c.checkout + c.passMiscounted;
  verdicts.push(
    `${c.enrolments} enrolments (without all their seats: ${c.incomplete}), ${c.passBookings} bookings paid by passes ` +
      `(paid bookings not paid by a pass: ${c.checkout}; passes whose credits differ from their ledger: ${c.passMiscounted}), ` +
      `${c.waiting} waitlist entries; overbooked sessions: ${c.overbooked}, miscounted: ${c.miscounted} (target 0: ${met(wrong === 0)})`,
  );
  return [...lines, ...verdicts].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Alone: `node bench/seat-finding.ts` runs only this section.
  const options = {
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
    duration: Number(process.env.BENCH_DURATION ?? 5),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  };
  console.log(formatSeatFindingBench(await runSeatFindingBench(options), options));
}
