// Child process of bench/bookings.ts: the real service on a fresh PostgreSQL database with a
// school on the enterprise plan (no monthly cap) and two free workshops with many 100-seat
// sessions: one booked over HTTP, one by the bare SQL transaction the HTTP figure is compared to.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startApp } from '../src/app.ts';
import { queryRows } from '../src/db/client.ts';
import { parseEnv } from '../src/env.ts';
import { provisionTenant } from '../src/modules/tenants/provisioning.ts';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1500);

const env = parseEnv({
  ...process.env,
  DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-bookings-')),
  RATE_LIMITS: 'off',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'false',
  STRIPE_EMULATOR: 'off',
});
// The outbox worker stays off: the benchmark measures taking bookings (and writing their outbox
// rows), not sending tens of thousands of e-mails from the same two cores.
const running = await startApp({ env, worker: false });
const db = running.container.db;

const { tenant, owner } = await provisionTenant(db, {
  name: 'Bench School',
  slug: 'bench-school',
  plan: 'enterprise',
  owner: { email: 'owner@bench-school.test', name: 'Bench Owner', password: 'bench-owner-password' },
  timeZone: 'Europe/Berlin',
});
const base = new Date(Date.now() + 7 * 86_400_000);
base.setUTCMinutes(0, 0, 0);

async function workshopWithSessions(title: string, offsetHours: number) {
  const created = await running.container.workshops.create({
    tenantId: tenant.id,
    actorId: owner.id,
    input: {
      title,
      description: 'Benchmark workshop',
      duration: 60,
      price: 0,
      currency: 'USD',
      seats: 100,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
      teacherId: owner.id,
      whitelistEnabled: false,
      syncStudentsFromImmersio: false,
      refundWindowHours: 24,
      cancellationNoticeHours: 12,
      workshopType: 'workshop',
      startTime: new Date(base.getTime() + offsetHours * 3_600_000),
      timeZone: 'Europe/Berlin',
      recurrence: { frequency: 'none' },
    },
  });
  // Many more sessions than the API's cap, one hour apart, straight into the table.
  await db.execute(sql`insert into workshop_sessions (tenant_id, workshop_id, start_time, end_time, time_zone, seats)
    select ${tenant.id}, ${created.id}, s.start + make_interval(hours => g), s.end + make_interval(hours => g), s.time_zone, 100
    from generate_series(1, ${SESSIONS - 1}) g,
         (select start_time as start, end_time as end, time_zone from workshop_sessions where workshop_id = ${created.id}) s`);
  const sessions = await queryRows<{ id: number; startTime: Date | string }>(
    db,
    sql`select id, start_time as "startTime" from workshop_sessions where workshop_id = ${created.id} order by start_time`,
  );
  return { id: created.id, slug: created.slug, sessions };
}

const http = await workshopWithSessions('HTTP Bookings', 0);
const raw = await workshopWithSessions('Raw SQL Bookings', 24 * 365);
const address = await running.listen({ port: 0, host: '127.0.0.1' });

process.stdout.write(
  `${JSON.stringify({
    app: address,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    http: { slug: http.slug, startTimes: http.sessions.map((s) => new Date(s.startTime).toISOString()) },
    raw: { workshopId: raw.id, sessionIds: raw.sessions.map((s) => s.id) },
  })}\n`,
);
process.on('SIGTERM', async () => {
  await running.close();
  process.exit(0);
});
