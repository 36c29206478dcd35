// The booking benchmark (part of npm run bench): free-workshop bookings over HTTP against the
// bare SQL booking transaction (conditional update plus insert) from a plain pg pool, both on a
// fresh PostgreSQL database, then a check that no session is overbooked.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { createBenchDatabase, spawnBenchChild, stopBenchChild } from './bench-database.ts';

interface Ready {
  app: string;
  tenantId: number;
  tenantSlug: string;
  http: { slug: string; startTimes: string[] };
  raw: { workshopId: number; sessionIds: number[] };
}

export interface BookingBenchResult {
  http: { rps: number; p99: number };
  raw: { rps: number; p99: number };
  overbooked: number;
  miscounted: number;
  bookings: number;
}

/** The bare transaction: take a seat if one is free, insert the booking, commit. */
async function rawSqlRun(pool: pg.Pool, ready: Ready, connections: number, seconds: number) {
  const { workshopId, sessionIds } = ready.raw;
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const sessionId = sessionIds[next++ % sessionIds.length]!;
      const started = performance.now();
      const client = await pool.connect();
      try {
        await client.query('begin');
        const seat = await client.query(
          `update workshop_sessions set booked_seats = booked_seats + 1
           where id = $1 and tenant_id = $2 and status = 'scheduled' and start_time > now() and booked_seats < seats
           returning start_time, end_time`,
          [sessionId, ready.tenantId],
        );
        if (seat.rowCount === 1) {
          await client.query(
            `insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time, status,
               attendee_email, attendee_name, attendee_time_zone)
             values ($1, $2, $3, $4, 'Raw SQL Bookings', $5, $6, 'accepted', $7, 'Bench Student', 'UTC')`,
            [
              `booking_${randomBytes(10).toString('hex')}`,
              ready.tenantId,
              workshopId,
              sessionId,
              seat.rows[0].start_time,
              seat.rows[0].end_time,
              `raw${next}-${randomBytes(4).toString('hex')}@bench.test`,
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
  return { rps: done / seconds, p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0) };
}

// Across runs, so every booking has its own email (one seat per email per session).
let n = 0;

async function httpRun(ready: Ready, connections: number, seconds: number) {
  let seen = 0;
  const { startTimes, slug } = ready.http;
  const result = await autocannon({
    url: ready.app,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/public/bookings',
        headers: { 'content-type': 'application/json' },
        ...(process.env.BENCH_DEBUG && {
          onResponse: (status: number, body: string) => {
            if (status !== 201 && seen++ < 3) console.log(status, body);
          },
        }),
        setupRequest: (request) => {
          n++;
          return {
            ...request,
            body: JSON.stringify({
              tenantSlug: ready.tenantSlug,
              workshopSlug: slug,
              startTime: startTimes[n % startTimes.length],
              attendee: { name: 'Bench Student', email: `http${n}@bench.test`, timeZone: 'Europe/Berlin' },
            }),
          };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `booking over HTTP: ${result.non2xx} non-2xx responses (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`,
    );
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

export async function runBookingBench(options: {
  databaseUrl: string;
  connections: number;
  duration: number;
  rounds: number;
}): Promise<BookingBenchResult> {
  const database = await createBenchDatabase(options.databaseUrl, 'ibs_bench');
  const { child, ready: started } = spawnBenchChild<Ready>(
    new URL('./booking-server.ts', import.meta.url),
    { ...process.env, DATABASE_URL: database.url, REDIS_URL: '' },
    '{"app"',
  );
  const pool = new pg.Pool({ connectionString: database.url, max: options.connections });
  try {
    const ready = await started;
    // Warm-up, then alternating rounds; medians are reported.
    await httpRun(ready, options.connections, 1);
    await rawSqlRun(pool, ready, options.connections, 1);
    const http: Array<{ rps: number; p99: number }> = [];
    const raw: Array<{ rps: number; p99: number }> = [];
    for (let round = 0; round < options.rounds; round++) {
      raw.push(await rawSqlRun(pool, ready, options.connections, options.duration));
      http.push(await httpRun(ready, options.connections, options.duration));
    }
    const median = (runs: Array<{ rps: number; p99: number }>) => {
      const pick = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      return { rps: pick(runs.map((r) => r.rps)), p99: pick(runs.map((r) => r.p99)) };
    };
    const check = await pool.query<{ overbooked: number; miscounted: number; bookings: number }>(
      `select (select count(*)::int from workshop_sessions where booked_seats > seats) as overbooked,
              (select count(*)::int from workshop_sessions s where s.booked_seats <>
                 (select count(*) from bookings b where b.session_id = s.id and b.status in ('pending', 'accepted'))) as miscounted,
              (select count(*)::int from bookings) as bookings`,
    );
    return { http: median(http), raw: median(raw), ...check.rows[0]! };
  } finally {
    await pool.end();
    await stopBenchChild(child);
    await database.drop();
  }
}
