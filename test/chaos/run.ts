// `npm run test:chaos`: two instances of the service on their own PostgreSQL and Redis, a burst
// of bookings and cancellations across both while one instance is SIGKILLed and restarted,
// PostgreSQL restarts, Redis goes away and comes back, and the webhook receiver is down. Then
// the invariants: nothing oversold, seat counts equal live bookings, every 201 has its row,
// every outbox event reaches the receiver (exactly once by id), no 500. Loopback only, bounded.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startBurst } from './burst.ts';
import { type Figures, readFigures, summariseOutcomes, type Window } from './checks.ts';
import { startPostgres, startRedis } from './cluster.ts';
import { createInstance } from './instances.ts';
import { startReceiver } from './receiver.ts';
import { createChaosSchool } from './school.ts';

const BURST_MS = Number(process.env.CHAOS_BURST_MS ?? 24_000);
const DRAIN_MS = 60_000;
const started = Date.now();
const say = (line: string) => console.log(`[chaos ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const logDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-chaos-logs-'));
const postgres = await startPostgres();
const redis = await startRedis();
const receiver = await startReceiver();
const appSecret = randomBytes(32).toString('hex');
const cleanUp: Array<() => Promise<unknown>> = [postgres.destroy, redis.stop, receiver.close];
let failed = false;

try {
  say(`PostgreSQL ${postgres.url}, Redis ${redis.url}, receiver ${receiver.url}, logs in ${logDir}`);
  const school = await createChaosSchool({
    databaseUrl: postgres.url,
    appSecret,
    webhookUrl: receiver.url,
    workshops: 3,
    sessionsPerWorkshop: 20,
    seats: 8,
  });
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    APP_SECRET: appSecret,
    DATABASE_POOL_SIZE: '8',
  };
  const a = await createInstance('a', env, logDir);
  const b = await createInstance('b', env, logDir);
  cleanUp.unshift(a.stop, b.stop);
  await Promise.all([a.start(), b.start()]);
  say(`instances up: a ${a.url}, b ${b.url}; ${school.sessions.length} sessions of 8 seats`);

  const burst = startBurst({ school, instances: [a.url, b.url], clients: 8 });
  const step = BURST_MS / 6;
  await sleep(step);
  say('receiver down');
  await receiver.down();
  await sleep(step / 2);
  say('SIGKILL instance a');
  await a.kill();
  await sleep(500);
  await a.start();
  say('instance a restarted');
  await sleep(step / 2);
  const outage: Window = { name: 'PostgreSQL restart', from: Date.now(), to: 0 };
  say('PostgreSQL stopping (fast shutdown)');
  await postgres.stop();
  await sleep(1_500);
  await postgres.start();
  // Pools reconnect on the next query; the window covers requests already in flight.
  outage.to = Date.now() + 1_000;
  say('PostgreSQL back');
  await sleep(step);
  say('Redis killed');
  await redis.stop();
  await sleep(2_000);
  await redis.start();
  say('Redis back');
  await sleep(step);
  say('receiver back up');
  await receiver.up();
  await sleep(step);
  await burst.stop();
  say(`burst over: ${burst.outcomes.length} requests`);

  // Simulated time: the retry schedule of deliveries that failed while the receiver was down
  // is hours long; every second of the drain moves their due time to now.
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const deadline = Date.now() + DRAIN_MS;
  let left = Number.POSITIVE_INFINITY;
  while (Date.now() < deadline) {
    await admin.query(
      `update outbox set next_attempt_at = now() where status = 'pending' and next_attempt_at > now()`,
    );
    left = Number(
      (
        await admin.query<{ n: string }>(
          `select count(*) as n from outbox where kind = 'webhook' and status <> 'delivered'`,
        )
      ).rows[0]!.n,
    );
    if (left === 0) break;
    await sleep(1_000);
  }
  await admin.end();
  say(`outbox drained (${left} webhook rows left)`);

  const figures = await readFigures(
    postgres.url,
    school.tenantId,
    burst.created,
    burst.cancelled,
    receiver.deliveries,
  );
  const answers = summariseOutcomes(burst.outcomes, outage);
  console.log(JSON.stringify({ restarts: { a: a.starts() - 1 }, answers, figures }, null, 2));
  const must: Array<[string, boolean]> = [
    ['no session oversold', figures.oversold === 0],
    ['booked_seats equals live bookings in every session', figures.seatCountMismatches === 0],
    ['every 201 has its booking row', figures.answered201WithoutRow === 0],
    ['every 200 cancellation left its booking cancelled', figures.cancelled200NotCancelled === 0],
    ['every booking has its BOOKING_CREATED event', figures.bookingsWithoutCreatedEvent === 0],
    ['every cancelled booking has its BOOKING_CANCELLED event', figures.cancellationsWithoutEvent === 0],
    ['every outbox event delivered', figures.webhookUndelivered === 0 && figures.webhookIdsMissing === 0],
    ['nothing received that the outbox did not hold', figures.webhookIdsUnknown === 0],
    [
      'no 500 at all, no 5xx outside the database outage',
      answers.status500 === 0 && answers.serverErrorsOutsideOutage === 0,
    ],
    ['bookings were taken and cancelled across both instances', enoughWork(figures)],
  ];
  for (const [name, ok] of must) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  failed = must.some(([, ok]) => !ok);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const step of cleanUp) await step().catch(() => {});
}
say(failed ? 'chaos run FAILED' : 'chaos run passed');
process.exit(failed ? 1 : 0);

function enoughWork(figures: Figures) {
  return figures.answered201 > 20 && figures.cancelled200 > 5;
}
