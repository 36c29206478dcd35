// Child process of bench/seat-finding.ts: the real service on a fresh PostgreSQL database with a
// school on the enterprise plan (no monthly cap) and, for each of issue 16's writes, one set of
// classes used over HTTP and another used by the bare SQL the HTTP figure is compared to:
// - courses of 4 free sessions, many seats each (a whole-course enrolment per request);
// - a paid class with many sessions, and students holding class passes with plenty of credits;
// - a class whose sessions are all full (one seat, taken), for joining their waitlists.
// Every session has an hour of its own: the teacher's booked time never overlaps.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startApp } from '../src/app.ts';
import { queryRows } from '../src/db/client.ts';
import { parseEnv } from '../src/env.ts';
import { provisionTenant } from '../src/modules/tenants/provisioning.ts';

const HOUR = 3_600_000;
/** Courses per side; each takes one seat per session per enrolment, so seats bound the run. */
const COURSES = Number(process.env.BENCH_COURSES ?? 60);
const COURSE_SESSIONS = 4;
const COURSE_SEATS = 1000;
/** Sessions per side for pass bookings and waitlist joins, one hour apart (as bench/bookings.ts). */
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1500);
/** Pass holders per side: coprime with SESSIONS, so request n's (holder, session) pair is new. */
const HOLDERS = Number(process.env.BENCH_PASS_HOLDERS ?? 499);
const PASS_CREDITS = 1000;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
if (gcd(HOLDERS, SESSIONS) !== 1) throw new Error('BENCH_PASS_HOLDERS and BENCH_SESSIONS must be coprime');
const PASS_SEATS = 500;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-seat-finding-'));
const env = parseEnv({
  ...process.env,
  DATA_DIR: dataDir,
  RATE_LIMITS: 'off',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'false',
  // The in-process Stripe emulator makes payments available (a paid class must be payable);
  // a booking paid by a pass never calls it.
  STRIPE_EMULATOR: 'auto',
});
// The outbox worker stays off, as in bench/bookings.ts: taking the writes is measured, not the
// e-mails and webhooks they queue.
const running = await startApp({ env, worker: false });
const db = running.container.db;

const { tenant, owner } = await provisionTenant(db, {
  name: 'Bench School',
  slug: 'bench-school',
  plan: 'enterprise',
  owner: { email: 'owner@bench-school.test', name: 'Bench Owner', password: 'bench-owner-password' },
  timeZone: 'Europe/Berlin',
});
await db.execute(sql`insert into stripe_credentials (tenant_id, stripe_account_id, publishable_key, livemode)
  values (${tenant.id}, 'acct_benchseats', 'pk_test_benchseats', false)`);

const base = new Date(Date.now() + 7 * 86_400_000);
base.setUTCMinutes(0, 0, 0);
/** The next `hours` free hours of the teacher's calendar, from a week ahead. */
let hoursUsed = 0;
function takeHours(hours: number): Date {
  const start = new Date(base.getTime() + hoursUsed * HOUR);
  hoursUsed += hours;
  return start;
}

/** A fixed-schedule workshop with `sessions` sessions of `seats`, an hour apart from `startTime`. */
async function workshop(title: string, price: number, sessions: number, seats: number) {
  const startTime = takeHours(sessions);
  const created = await running.container.workshops.create({
    tenantId: tenant.id,
    actorId: owner.id,
    input: {
      title,
      description: 'Benchmark workshop',
      duration: 60,
      price,
      currency: 'EUR',
      seats: 10,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
      teacherId: owner.id,
      whitelistEnabled: false,
      syncStudentsFromImmersio: false,
      refundWindowHours: 24,
      cancellationNoticeHours: 12,
      workshopType: 'workshop',
      startTime,
      timeZone: 'Europe/Berlin',
      recurrence: { frequency: 'none' },
    },
  });
  // The rest of the sessions straight into the table, and more seats than the API allows.
  await db.execute(sql`insert into workshop_sessions (tenant_id, workshop_id, start_time, end_time, time_zone, seats)
    select ${tenant.id}, ${created.id}, s.start + make_interval(hours => g), s.end + make_interval(hours => g), s.time_zone, ${seats}
    from generate_series(1, ${sessions - 1}) g,
         (select start_time as start, end_time as end, time_zone from workshop_sessions where workshop_id = ${created.id}) s`);
  await db.execute(sql`update workshop_sessions set seats = ${seats} where workshop_id = ${created.id}`);
  const rows = await queryRows<{ id: number; startTime: Date | string }>(
    db,
    sql`select id, start_time as "startTime" from workshop_sessions where workshop_id = ${created.id} order by start_time`,
  );
  return {
    id: created.id,
    slug: created.slug,
    sessionIds: rows.map((s) => s.id),
    startTimes: rows.map((s) => new Date(s.startTime).toISOString()),
  };
}

async function courses(prefix: string) {
  const made = [];
  for (let i = 0; i < COURSES; i++)
    made.push(await workshop(`${prefix} Course ${i + 1}`, 0, COURSE_SESSIONS, COURSE_SEATS));
  return made;
}

/** `count` students with an active pass of PASS_CREDITS for every class, bought as a purchase is. */
async function passHolders(prefix: string, count: number) {
  const [offer] = await queryRows<{ id: number }>(
    db,
    sql`insert into class_passes (tenant_id, name, classes, price_cents, currency, valid_days)
        values (${tenant.id}, ${`${prefix} pass`}, ${PASS_CREDITS}, 10000, 'EUR', 365) returning id`,
  );
  await db.execute(sql`with bought as (
      insert into student_passes (uid, tenant_id, pass_id, name, classes, valid_days, buyer_name, buyer_email,
        status, credits_remaining, expires_at, amount_cents, currency, paid_at)
      select 'pass_' || md5(${prefix} || g), ${tenant.id}, ${offer!.id}, ${`${prefix} pass`}, ${PASS_CREDITS}, 365,
        'Bench Holder', ${prefix} || g || '@bench.test', 'active', ${PASS_CREDITS}, now() + interval '365 days',
        10000, 'EUR', now()
      from generate_series(0, ${count - 1}) g
      returning id
    )
    insert into pass_credit_entries (tenant_id, student_pass_id, kind, delta, balance_after)
    select ${tenant.id}, id, 'purchase', ${PASS_CREDITS}, ${PASS_CREDITS} from bought`);
  return { emailPrefix: prefix, count };
}

/** Fills every session of the workshop: one seat, taken by a booking. */
async function fill(w: { id: number }) {
  await db.execute(sql`update workshop_sessions set seats = 1, booked_seats = 1 where workshop_id = ${w.id}`);
  await db.execute(sql`insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time,
      status, attendee_email, attendee_name, attendee_time_zone)
    select 'booking_' || md5('full' || s.id), s.tenant_id, s.workshop_id, s.id, 'Full class', s.start_time,
      s.end_time, 'accepted', 'seated' || s.id || '@bench.test', 'Seated Student', 'UTC'
    from workshop_sessions s where s.workshop_id = ${w.id}`);
}

const httpCourses = await courses('HTTP');
const rawCourses = await courses('Raw SQL');
const httpPaid = await workshop('HTTP Pass Bookings', 2500, SESSIONS, PASS_SEATS);
const rawPaid = await workshop('Raw SQL Pass Bookings', 2500, SESSIONS, PASS_SEATS);
const httpFull = await workshop('HTTP Full Class', 0, SESSIONS, 1);
const rawFull = await workshop('Raw SQL Full Class', 0, SESSIONS, 1);
await fill(httpFull);
await fill(rawFull);
const httpHolders = await passHolders('httppass', HOLDERS);
const rawHolders = await passHolders('rawpass', HOLDERS);
const address = await running.listen({ port: 0, host: '127.0.0.1' });

process.stdout.write(
  `${JSON.stringify({
    app: address,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    enrolment: {
      http: { slugs: httpCourses.map((c) => c.slug) },
      raw: rawCourses.map((c) => ({ workshopId: c.id, sessionIds: c.sessionIds })),
    },
    pass: {
      http: {
        workshopId: httpPaid.id,
        slug: httpPaid.slug,
        startTimes: httpPaid.startTimes,
        holders: httpHolders,
      },
      raw: { workshopId: rawPaid.id, sessionIds: rawPaid.sessionIds, holders: rawHolders },
    },
    waitlist: {
      http: { slug: httpFull.slug, startTimes: httpFull.startTimes },
      raw: { workshopId: rawFull.id, sessionIds: rawFull.sessionIds },
    },
  })}\n`,
);
process.on('SIGTERM', async () => {
  await running.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
