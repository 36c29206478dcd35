// Bench data for the staff screens: a school with many workshops, sessions from 20 weeks ago to
// 20 weeks ahead and `bookings` bookings (mostly accepted, some cancelled, pending and expired;
// half of them paid, with their payments), written by a few set-based statements.
import { sql } from 'drizzle-orm';
import type { RunningApp } from '../src/app.ts';
import { queryRows } from '../src/db/client.ts';
import { provisionTenant } from '../src/modules/tenants/provisioning.ts';

export interface StaffBenchSchool {
  tenantId: number;
  ownerId: number;
  owner: { email: string; password: string };
  workshopIds: number[];
  sessions: number;
  bookings: number;
}

export async function seedStaffSchool(
  running: RunningApp,
  options: { slug: string; bookings: number; workshops?: number },
): Promise<StaffBenchSchool> {
  const db = running.container.db;
  const owner = { email: `owner@${options.slug}.test`, password: 'bench-owner-password' };
  const { tenant, owner: ownerRow } = await provisionTenant(db, {
    name: `Bench ${options.slug}`,
    slug: options.slug,
    plan: 'enterprise',
    owner: { ...owner, name: 'Bench Owner' },
    timeZone: 'America/New_York',
  });
  const workshopCount = options.workshops ?? 50;
  const sessionsPerWorkshop = 40;
  const perSession = Math.ceil(options.bookings / (workshopCount * sessionsPerWorkshop));
  const workshopIds: number[] = [];
  for (let i = 0; i < workshopCount; i++) {
    const created = await running.container.workshops.create({
      tenantId: tenant.id,
      actorId: ownerRow.id,
      input: {
        title: `Bench class ${i + 1}`,
        description: 'Benchmark workshop',
        duration: 60,
        price: i % 2 === 0 ? 2500 : 0,
        currency: 'USD',
        seats: Math.max(perSession + 10, 20),
        locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
        teacherId: ownerRow.id,
        whitelistEnabled: false,
        syncStudentsFromImmersio: false,
        refundWindowHours: 24,
        cancellationNoticeHours: 12,
        workshopType: 'workshop',
        startTime: new Date(Date.now() + 86_400_000 + i * 3_600_000),
        timeZone: 'America/New_York',
        recurrence: { frequency: 'none' },
      },
    });
    workshopIds.push(created.id);
  }
  // Replace each workshop's one session by 40 weekly ones, 20 weeks back to 20 weeks ahead.
  await db.execute(sql`delete from workshop_sessions where tenant_id = ${tenant.id}`);
  await db.execute(sql`
    insert into workshop_sessions (tenant_id, workshop_id, start_time, end_time, time_zone, seats)
    select w.tenant_id, w.id, t.start, t.start + interval '1 hour', 'America/New_York', ${Math.max(perSession + 10, 20)}
    from workshops w
    cross join lateral (
      select date_trunc('hour', now()) + make_interval(weeks => g - 20, hours => (w.id % 50)) as start
      from generate_series(0, ${sessionsPerWorkshop - 1}) g
    ) t
    where w.tenant_id = ${tenant.id}`);
  // n bookings per session: 80% accepted, 10% cancelled, 5% pending, 5% expired; paid workshops paid.
  await db.execute(sql`
    insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time, status, paid,
      attendee_email, attendee_name, attendee_time_zone, amount_cents, currency, registration_source,
      created_at, cancelled_at, cancelled_by)
    select md5(s.id::text || '-' || n::text || '-' || s.tenant_id::text), s.tenant_id, s.workshop_id, s.id,
      'Bench class', s.start_time, s.end_time,
      (case when n % 20 in (0, 1) then 'cancelled' when n % 20 = 2 then 'pending' when n % 20 = 3 then 'expired' else 'accepted' end)::booking_status,
      et.price_cents > 0 and n % 20 not in (2, 3),
      'student' || n || '-' || s.id || '@example.test', 'Student ' || n, 'Europe/Madrid',
      et.price_cents, 'USD', 'public',
      s.start_time - make_interval(days => 1 + n % 20),
      case when n % 20 in (0, 1) then s.start_time - interval '12 hours' end,
      case when n % 20 in (0, 1) then 'attendee' end
    from workshop_sessions s
    join workshops w on w.id = s.workshop_id
    join event_types et on et.id = w.event_type_id
    cross join generate_series(1, ${perSession}) n
    where s.tenant_id = ${tenant.id}`);
  await db.execute(sql`
    insert into payments (tenant_id, booking_id, amount_cents, currency, status, stripe_checkout_session_id, created_at)
    select tenant_id, id, amount_cents, currency, 'succeeded', 'cs_bench_' || id, created_at
    from bookings where tenant_id = ${tenant.id} and paid`);
  await db.execute(sql`
    update workshop_sessions s set booked_seats = c.live
    from (select session_id, count(*)::int as live from bookings
          where tenant_id = ${tenant.id} and status in ('pending', 'accepted') group by session_id) c
    where s.id = c.session_id and s.tenant_id = ${tenant.id}`);
  // As autovacuum leaves a settled table: statistics and the visibility map (index-only counts).
  await db.execute(sql`vacuum analyze`);
  const [row] = await queryRows<{ sessions: number; bookings: number }>(
    db,
    sql`select (select count(*)::int from workshop_sessions where tenant_id = ${tenant.id}) as sessions,
               (select count(*)::int from bookings where tenant_id = ${tenant.id}) as bookings`,
  );
  return {
    tenantId: tenant.id,
    ownerId: ownerRow.id,
    owner,
    workshopIds,
    sessions: row!.sessions,
    bookings: row!.bookings,
  };
}
