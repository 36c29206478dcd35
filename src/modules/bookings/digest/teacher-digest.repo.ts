import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import type { Location } from '../bookable-workshops.repo.ts';

// The teachers' morning digest (issue 17): who is due, and what a digest lists. Zones are the
// teachers' own (users.time_zone); the local-day arithmetic is PostgreSQL's `at time zone`, the
// same on PGlite. A zone the database does not know counts as UTC rather than failing the round.

/** The zone, or UTC when the database does not know it (needs the `zones` CTE). */
const knownZone = (zone: SQL) => sql`coalesce((select z.name from zones z where z.name = ${zone}), 'UTC')`;
const ZONES = sql`zones as materialized (select name from pg_timezone_names)`;

/**
 * Digests due at `now`: a member who takes them (`daily_digest`), past 07:00 in their zone, with a
 * live session of theirs in the school starting later that local day (so a digest missed at 07:00,
 * every instance down, still goes while the day has sessions to come). Claims each (school,
 * teacher, local date) in `teacher_digests`; one another instance or an earlier tick claimed is
 * skipped by the primary key, so only the rows returned here may be queued.
 */
export async function claimDueDigests(tx: Executor, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return queryRows<{ tenantId: number; teacherId: number; localDate: string }>(
    tx,
    sql`with ${ZONES},
      due as (
        select distinct s.tenant_id, s.teacher_id, (${at} at time zone tz.zone)::date as local_date
          from workshop_sessions s
          join memberships m on m.tenant_id = s.tenant_id and m.user_id = s.teacher_id and m.daily_digest
          join users u on u.id = s.teacher_id
          left join zones z on z.name = u.time_zone
          cross join lateral (select coalesce(z.name, 'UTC') as zone) tz
         where s.status = 'scheduled'
           -- A local day's sessions after 07:00 start within 17 h; 24 h bounds the index range.
           and s.start_time > ${at} and s.start_time < ${at} + interval '24 hours'
           and (${at} at time zone tz.zone)::time >= time '07:00'
           and (s.start_time at time zone tz.zone)::date = (${at} at time zone tz.zone)::date
           -- Already queued: skipped here to spare the insert; the primary key still decides races.
           and not exists (select 1 from teacher_digests d
                            where d.tenant_id = s.tenant_id and d.teacher_id = s.teacher_id
                              and d.local_date = (${at} at time zone tz.zone)::date)
      )
      insert into teacher_digests (tenant_id, teacher_id, local_date, queued_at)
      select tenant_id, teacher_id, local_date, ${at} from due
      on conflict do nothing
      returning tenant_id as "tenantId", teacher_id as "teacherId", local_date::text as "localDate"`,
  );
}

export interface DigestTeacher {
  name: string;
  email: string;
  timeZone: string;
  /** Their own language (issue 18): the digest is written in it. */
  language: string;
  tenantName: string;
}

/** The teacher as the digest addresses them, if still a member who takes the digest. */
export async function findDigestTeacher(
  db: Executor,
  tenantId: number,
  teacherId: number,
): Promise<DigestTeacher | undefined> {
  const [row] = await queryRows<DigestTeacher>(
    db,
    sql`select u.name, u.email, u.time_zone as "timeZone", u.language, t.name as "tenantName"
          from memberships m
          join users u on u.id = m.user_id
          join tenants t on t.id = m.tenant_id
         where m.tenant_id = ${tenantId} and m.user_id = ${teacherId} and m.daily_digest`,
  );
  return row;
}

export interface DigestSession {
  id: number;
  startTime: Date;
  endTime: Date;
  seats: number;
  bookedSeats: number;
  title: string;
  locations: Location[];
  questions: unknown;
}

/** The teacher's live sessions in the school starting after `now` on `localDate` in `zone`. */
export async function listDigestSessions(
  db: Executor,
  tenantId: number,
  teacherId: number,
  day: { localDate: string; zone: string; now: Date },
): Promise<DigestSession[]> {
  const at = sql`${day.now.toISOString()}::timestamptz`;
  const rows = await queryRows<DigestSession>(
    db,
    sql`with ${ZONES}
        select s.id, s.start_time as "startTime", s.end_time as "endTime", s.seats,
               s.booked_seats as "bookedSeats", et.title, et.locations, w.questions
          from workshop_sessions s
          join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
          join event_types et on et.id = w.event_type_id
         where s.tenant_id = ${tenantId} and s.teacher_id = ${teacherId} and s.status = 'scheduled'
           and s.start_time > ${at} and s.start_time < ${at} + interval '24 hours'
           and (s.start_time at time zone ${knownZone(sql`${day.zone}`)})::date = ${day.localDate}::date
         order by s.start_time, s.id`,
  );
  return rows.map((r) => ({ ...r, startTime: new Date(r.startTime), endTime: new Date(r.endTime) }));
}

export interface DigestBooking {
  sessionId: number;
  attendeeName: string;
  attendeeEmail: string;
  status: 'accepted' | 'pending';
  answers: unknown;
}

/** The seats taken in these sessions (confirmed, or held while paying), oldest first. */
export async function listDigestBookings(
  db: Executor,
  tenantId: number,
  sessionIds: number[],
): Promise<DigestBooking[]> {
  if (sessionIds.length === 0) return [];
  return queryRows<DigestBooking>(
    db,
    sql`select b.session_id as "sessionId", b.attendee_name as "attendeeName",
               b.attendee_email as "attendeeEmail", b.status, b.answers
          from bookings b
         where b.tenant_id = ${tenantId} and b.status in ('accepted', 'pending')
           and b.session_id in (${sql.join(
             sessionIds.map((id) => sql`${id}`),
             sql`, `,
           )})
         order by b.created_at, b.id`,
  );
}
