// Child process of bench/slot-booking.ts: the real service on a fresh PostgreSQL database with a
// school (enterprise plan) whose owner teaches two 1:1 tutoring workshops booked by slot, open
// around the clock in 15-minute slots; one is booked over HTTP, the other by the bare SQL
// transaction the HTTP figure is compared to (later, so they never meet). Beside it, in
// the same process, a bare Fastify route sends the exact bytes of the slots answer.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { startApp } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';
import { workshopSlots } from '../src/modules/availability/workshop-slots.ts';
import { provisionTenant } from '../src/modules/tenants/provisioning.ts';

const DAY = 86_400_000;
const SLOT_MINUTES = 15;
/** Slot starts each side may book (15 minutes apart): more than a full bench run books. */
const STARTS = Number(process.env.BENCH_SLOT_STARTS ?? 60_000);
/** Busy entries in the month the slots answer covers (issue 14: 500). */
const BUSY = 500;

const env = parseEnv({
  ...process.env,
  DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-slots-')),
  RATE_LIMITS: 'off',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'false',
  STRIPE_EMULATOR: 'off',
});
const running = await startApp({ env, worker: false });
const { db } = running.container;

const { tenant, owner } = await provisionTenant(db, {
  name: 'Bench Tutors',
  slug: 'bench-tutors',
  plan: 'enterprise',
  owner: { email: 'owner@bench-tutors.test', name: 'Bench Tutor', password: 'bench-owner-password' },
  timeZone: 'UTC',
});
const allDay = [{ start: '00:00', end: '24:00' }];
await db.execute(
  sql`update availability_schedules set time_zone = 'UTC', weekly_hours = ${JSON.stringify(
    Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, allDay]),
    ),
  )}::jsonb where tenant_id = ${tenant.id} and teacher_id = ${owner.id}`,
);

async function tutoring(title: string) {
  return running.container.workshops.create({
    tenantId: tenant.id,
    actorId: owner.id,
    input: {
      title,
      duration: SLOT_MINUTES,
      price: 0,
      currency: 'USD',
      seats: 1,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
      teacherId: owner.id,
      whitelistEnabled: false,
      syncStudentsFromImmersio: false,
      refundWindowHours: 24,
      cancellationNoticeHours: 12,
      workshopType: 'tutoring',
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 730,
    },
  });
}

const http = await tutoring('HTTP Tutoring');
const raw = await tutoring('Raw SQL Tutoring');
const firstDay = Math.floor(Date.now() / DAY) + 2;
const rangeDays = Math.ceil((STARTS * SLOT_MINUTES * 60_000) / DAY);
const slotRange = (day: number) => ({ first: day * DAY, count: STARTS, stepMs: SLOT_MINUTES * 60_000 });

// The slots answer's month: the first 31 days after the booking range, with 500 busy entries of
// a fixed-schedule class by the same teacher (one every ~1.5 h), so the answer does real work.
const monthDay = firstDay + rangeDays + 1;
const fixed = await running.container.workshops.create({
  tenantId: tenant.id,
  actorId: owner.id,
  input: {
    title: 'Planned Class',
    duration: 30,
    price: 0,
    currency: 'USD',
    seats: 5,
    locations: [{ type: 'zoom', link: 'https://zoom.us/j/2' }],
    teacherId: owner.id,
    whitelistEnabled: false,
    syncStudentsFromImmersio: false,
    refundWindowHours: 24,
    cancellationNoticeHours: 12,
    workshopType: 'workshop',
    startTime: new Date(monthDay * DAY),
    timeZone: 'UTC',
    recurrence: { frequency: 'none' },
  },
});
await db.execute(sql`insert into workshop_sessions (tenant_id, workshop_id, start_time, end_time, time_zone, seats)
  select ${tenant.id}, ${fixed.id}, to_timestamp(${(monthDay * DAY) / 1000}) + make_interval(mins => g * 89),
    to_timestamp(${(monthDay * DAY) / 1000}) + make_interval(mins => g * 89 + 30), 'UTC', 5
  from generate_series(1, ${BUSY - 1}) g`);

const address = await running.listen({ port: 0, host: '127.0.0.1' });
const month = {
  from: new Date(monthDay * DAY).toISOString().slice(0, 10),
  to: new Date((monthDay + 30) * DAY).toISOString().slice(0, 10),
};
const slotsPath = `/api/v1/public/workshops/${http.slug}/slots?tenantSlug=${tenant.slug}&from=${month.from}&to=${month.to}&timeZone=UTC`;
const slotsAnswer = await fetch(`${address}${slotsPath}`);
if (slotsAnswer.status !== 200)
  throw new Error(`slots answer: ${slotsAnswer.status} ${await slotsAnswer.text()}`);
const slotsBody = Buffer.from(await slotsAnswer.arrayBuffer());

// The server time of one uncached answer (rules, busy read, computation), measured in process.
const workshop = {
  workshopId: http.id,
  teacherId: owner.id,
  scheduleId: null,
  durationMinutes: SLOT_MINUTES,
  seats: 1,
  slotIntervalMinutes: null,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  bookingHorizonDays: 730,
  maxBookingsPerDay: null,
};
const times: number[] = [];
let slotsOffered = 0;
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  const answer = await workshopSlots(db, {
    tenantId: tenant.id,
    workshop,
    range: { ...month, timeZone: 'UTC' },
    now: new Date(),
  });
  times.push(performance.now() - started);
  slotsOffered = answer.days.reduce((n, d) => n + d.slots.length, 0);
}
times.sort((a, b) => a - b);

const bare = Fastify();
bare.get('/bare-slots', (_req, reply) => reply.type('application/json; charset=utf-8').send(slotsBody));
const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

process.stdout.write(
  `${JSON.stringify({
    app: address,
    bare: `${bareAddress}/bare-slots`,
    slotsPath,
    slotsBytes: slotsBody.length,
    slotsOffered,
    serverMs: { p50: times[100], p99: times[198] },
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    http: { slug: http.slug, ...slotRange(firstDay) },
    // After the month too: the raw side's booked slots must not meet anything of the HTTP side's.
    raw: { workshopId: raw.id, ...slotRange(monthDay + 32) },
  })}\n`,
);
process.on('SIGTERM', async () => {
  await bare.close();
  await running.close();
  process.exit(0);
});
