// The slot benchmark (issue 14, part of npm run bench), on a fresh PostgreSQL database:
// - GET …/slots (a month, 500 busy entries) against a bare Fastify route sending the same bytes;
// - a 1:1 slot booking over HTTP (each request a new slot: the slot is checked against the
//   teacher's hours and busy times, then one statement makes the session and the booking)
//   against the bare SQL transaction that needs (insert the session on conflict, insert the
//   booking), from a plain pg pool;
// - the server time of an uncached slots answer, measured in the server process.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { createBenchDatabase, median, spawnBenchChild, stopBenchChild } from './bench-database.ts';

interface Ready {
  app: string;
  bare: string;
  slotsPath: string;
  slotsBytes: number;
  slotsOffered: number;
  serverMs: { p50: number; p99: number };
  tenantId: number;
  tenantSlug: string;
  http: SlotRange & { slug: string };
  raw: SlotRange & { workshopId: number };
}

/** `count` slot starts from `first` (ms), `stepMs` apart. */
interface SlotRange {
  first: number;
  count: number;
  stepMs: number;
}

const nthStart = (range: SlotRange, n: number) =>
  new Date(range.first + (n % range.count) * range.stepMs).toISOString();

interface Run {
  rps: number;
  p50: number;
  p99: number;
}

export interface SlotBookingBenchResult {
  ready: Pick<Ready, 'slotsBytes' | 'slotsOffered' | 'serverMs'>;
  slots: Run;
  bare: Run;
  http: Run;
  raw: Run;
  bookings: number;
  overbooked: number;
}

async function rawSqlRun(
  pool: pg.Pool,
  ready: Ready,
  state: { next: number },
  connections: number,
  seconds: number,
) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = nthStart(ready.raw, state.next++);
      const started = performance.now();
      const client = await pool.connect();
      try {
        await client.query('begin');
        const seat = await client.query(
          `insert into workshop_sessions as s (tenant_id, workshop_id, start_time, end_time, time_zone, seats, booked_seats)
           values ($1, $2, $3, $3::timestamptz + interval '15 minutes', 'UTC', 1, 1)
           on conflict (workshop_id, start_time) where status = 'scheduled'
           do update set booked_seats = s.booked_seats + 1 where s.booked_seats < s.seats
           returning id, start_time, end_time`,
          [ready.tenantId, ready.raw.workshopId, start],
        );
        if (seat.rowCount === 1) {
          await client.query(
            `insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time, status,
               attendee_email, attendee_name, attendee_time_zone)
             values ($1, $2, $3, $4, 'Raw SQL Tutoring', $5, $6, 'accepted', $7, 'Bench Student', 'UTC')`,
            [
              `booking_${randomBytes(10).toString('hex')}`,
              ready.tenantId,
              ready.raw.workshopId,
              seat.rows[0].id,
              seat.rows[0].start_time,
              seat.rows[0].end_time,
              `raw${state.next}@bench.test`,
            ],
          );
        }
        await client.query('commit');
      } finally {
        client.release();
      }
      latencies.push(performance.now() - started);
      done++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.floor(latencies.length * q)] ?? 0) * 10) / 10;
  return { rps: done / seconds, p50: at(0.5), p99: at(0.99) };
}

async function httpRun(
  ready: Ready,
  state: { next: number },
  connections: number,
  seconds: number,
): Promise<Run> {
  const { slug } = ready.http;
  const result = await autocannon({
    url: ready.app,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/public/bookings',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const n = state.next++;
          return {
            ...request,
            body: JSON.stringify({
              tenantSlug: ready.tenantSlug,
              workshopSlug: slug,
              startTime: nthStart(ready.http, n),
              attendee: { name: 'Bench Student', email: `http${n}@bench.test`, timeZone: 'UTC' },
            }),
          };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `slot booking over HTTP: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function getRun(url: string, connections: number, seconds: number): Promise<Run> {
  const result = await autocannon({ url, connections, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export async function runSlotBookingBench(options: {
  databaseUrl: string;
  connections: number;
  duration: number;
  rounds: number;
}): Promise<SlotBookingBenchResult> {
  const database = await createBenchDatabase(options.databaseUrl, 'ibs_bench_slots');
  const { child, ready: started } = spawnBenchChild<Ready>(
    new URL('./slot-booking-server.ts', import.meta.url),
    { ...process.env, DATABASE_URL: database.url, REDIS_URL: '' },
    '{"app"',
  );
  const pool = new pg.Pool({ connectionString: database.url, max: options.connections });
  try {
    const ready = await started;
    const slotsUrl = `${ready.app}${ready.slotsPath}`;
    const httpState = { next: 0 };
    const rawState = { next: 0 };
    await getRun(slotsUrl, options.connections, 1);
    await getRun(ready.bare, options.connections, 1);
    await httpRun(ready, httpState, options.connections, 1);
    await rawSqlRun(pool, ready, rawState, options.connections, 1);
    const runs = { slots: [] as Run[], bare: [] as Run[], http: [] as Run[], raw: [] as Run[] };
    for (let round = 0; round < options.rounds; round++) {
      runs.bare.push(await getRun(ready.bare, options.connections, options.duration));
      runs.slots.push(await getRun(slotsUrl, options.connections, options.duration));
      runs.raw.push(await rawSqlRun(pool, ready, rawState, options.connections, options.duration));
      runs.http.push(await httpRun(ready, httpState, options.connections, options.duration));
    }
    const mid = (list: Run[]): Run => ({
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
    });
    const check = await pool.query<{ bookings: number; overbooked: number }>(
      `select (select count(*)::int from bookings) as bookings,
              (select count(*)::int from workshop_sessions where booked_seats > seats) as overbooked`,
    );
    return {
      ready: { slotsBytes: ready.slotsBytes, slotsOffered: ready.slotsOffered, serverMs: ready.serverMs },
      slots: mid(runs.slots),
      bare: mid(runs.bare),
      http: mid(runs.http),
      raw: mid(runs.raw),
      ...check.rows[0]!,
    };
  } finally {
    await pool.end();
    await stopBenchChild(child);
    await database.drop();
  }
}

export function formatSlotBookingBench(r: SlotBookingBenchResult): string {
  const slotsRatio = r.slots.rps / r.bare.rps;
  const bookingRatio = r.http.rps / r.raw.rps;
  const row = (title: string, run: Run, ratio: number) =>
    `${title.padEnd(52)} ${run.rps.toFixed(0).padStart(8)} ${String(run.p50).padStart(7)} ${String(run.p99).padStart(7)}   ${ratio.toFixed(2)}`;
  return [
    `slots and slot bookings on PostgreSQL (medians): a month's answer of ${r.ready.slotsOffered} slots (${r.ready.slotsBytes} bytes) around 500 busy entries`,
    'target                                                  req/s  p50 ms  p99 ms   ratio',
    row('bare Fastify, the slots answer’s exact bytes', r.bare, 1),
    row('GET /api/v1/public/workshops/:slug/slots', r.slots, slotsRatio),
    row('bare SQL slot booking transaction (pg pool)', r.raw, 1),
    row('POST /api/v1/public/bookings (a new 1:1 slot each)', r.http, bookingRatio),
    `slots / bare = ${slotsRatio.toFixed(2)} (target >= 0.5: ${slotsRatio >= 0.5 ? 'met' : 'MISSED'}); slot booking / bare SQL = ${bookingRatio.toFixed(2)} (target >= 0.5: ${bookingRatio >= 0.5 ? 'met' : 'MISSED'}); ${r.bookings} bookings, overbooked sessions: ${r.overbooked}`,
    `an uncached slots answer in the server (rules, busy read, computation): p50 ${r.ready.serverMs.p50.toFixed(2)} ms, p99 ${r.ready.serverMs.p99.toFixed(2)} ms (target p50 <= 5 ms: ${r.ready.serverMs.p50 <= 5 ? 'met' : 'MISSED'})`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runSlotBookingBench({
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
    duration: Number(process.env.BENCH_DURATION ?? 5),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  });
  console.log(formatSlotBookingBench(result));
}
