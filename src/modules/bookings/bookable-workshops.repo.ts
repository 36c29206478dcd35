import { and, eq, gte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type eventTypes, type users, workshopSessions, type workshops } from '../../db/schema/index.ts';

// What taking a booking reads about the workshop: the offer, its policy, its teacher, its sessions
// and its whitelist.

export interface Location {
  type: 'zoom' | 'google_meet' | 'in_person' | 'link';
  value?: string;
  address?: string;
  link?: string;
}

type Workshop = typeof workshops.$inferSelect;
type EventType = typeof eventTypes.$inferSelect;
type User = typeof users.$inferSelect;

/** A workshop as a booking needs it: the offer, the policy, the teacher and the staff to notify. */
export type BookableWorkshop = Pick<
  Workshop,
  'eventTypeId' | 'status' | 'whitelistEnabled' | 'immersioCourseId'
> &
  Pick<
    EventType,
    'title' | 'slug' | 'priceCents' | 'currency' | 'refundWindowHours' | 'cancellationNoticeHours'
  > & {
    workshopId: Workshop['id'];
    duration: EventType['durationMinutes'];
    locations: Location[];
    teacherId: User['id'];
    teacherName: User['name'];
    teacherEmail: User['email'];
    /** The teacher and the tenant's owners and admins, deduplicated. */
    staffEmails: string[];
    /** Each of `staffEmails`' own language (`users.language`, issue 18): staff notices are in it. */
    staffLanguages: Record<string, string>;
    bookingMode: 'fixed' | 'slots';
    seats: EventType['seats'];
    /** The stored recurrence (jsonb as written by create/update): a slot booking books its series. */
    recurrence: unknown;
  } & Pick<
    Workshop,
    | 'scheduleId'
    | 'slotIntervalMinutes'
    | 'bufferBeforeMinutes'
    | 'bufferAfterMinutes'
    | 'minimumNoticeMinutes'
    | 'bookingHorizonDays'
    | 'maxBookingsPerDay'
  > & {
    /** How seats are sold (issue 16): one session at a time, only the whole course, or both. */
    enrolment: 'session' | 'course' | 'both';
    /** The whole course's price, pro-rated for late joiners; null: the sum of its sessions. */
    coursePriceCents: Workshop['coursePriceCents'];
    /** What the booking form asks (issue 17): jsonb as written by create/update. */
    questions: unknown;
    /** The school's own text for confirmations and reminders (issue 17); see school-message.ts. */
    emailMessage: Workshop['emailMessage'];
  };

const WORKSHOP_COLUMNS = sql`w.id as "workshopId", w.event_type_id as "eventTypeId", w.status,
  w.whitelist_enabled as "whitelistEnabled", w.immersio_course_id as "immersioCourseId",
  et.title, et.slug, et.duration_minutes as duration, et.price_cents as "priceCents", et.currency,
  et.locations, et.refund_window_hours as "refundWindowHours",
  et.cancellation_notice_hours as "cancellationNoticeHours",
  u.id as "teacherId", u.name as "teacherName", u.email as "teacherEmail",
  w.booking_mode as "bookingMode", et.seats, w.recurrence, w.schedule_id as "scheduleId",
  w.slot_interval_minutes as "slotIntervalMinutes", w.buffer_before_minutes as "bufferBeforeMinutes",
  w.buffer_after_minutes as "bufferAfterMinutes", w.minimum_notice_minutes as "minimumNoticeMinutes",
  w.booking_horizon_days as "bookingHorizonDays", w.max_bookings_per_day as "maxBookingsPerDay",
  w.enrolment, w.course_price_cents as "coursePriceCents", w.questions, w.email_message as "emailMessage",
  array(
    select distinct su.email from users su
    where su.id = et.teacher_id
       or su.id in (select m.user_id from memberships m
                    where m.tenant_id = w.tenant_id and m.role in ('OWNER', 'ADMIN'))
  ) as "staffEmails",
  coalesce((
    select json_object_agg(su.email, su.language) from users su
    where su.id = et.teacher_id
       or su.id in (select m.user_id from memberships m
                    where m.tenant_id = w.tenant_id and m.role in ('OWNER', 'ADMIN'))
  ), '{}'::json) as "staffLanguages"`;
const WORKSHOP_FROM = sql`from workshops w
  join event_types et on et.id = w.event_type_id and et.tenant_id = w.tenant_id
  join users u on u.id = et.teacher_id`;

export async function findWorkshopBySlug(db: Executor, tenantId: number, slug: string) {
  const [row] = await queryRows<BookableWorkshop>(
    db,
    sql`select ${WORKSHOP_COLUMNS} ${WORKSHOP_FROM} where w.tenant_id = ${tenantId} and et.slug = ${slug}`,
  );
  return row;
}

export async function findWorkshopById(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await queryRows<BookableWorkshop>(
    db,
    sql`select ${WORKSHOP_COLUMNS} ${WORKSHOP_FROM} where w.tenant_id = ${tenantId} and w.id = ${workshopId}`,
  );
  return row;
}

/** The workshop's sessions from `since` on, a scheduled one last (so it wins) where two share a start. */
export function sessionsSince(db: Executor, tenantId: number, workshopId: number, since: Date) {
  const s = workshopSessions;
  return db
    .select({ id: s.id, startTime: s.startTime, endTime: s.endTime, status: s.status })
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.workshopId, workshopId), gte(s.startTime, since)))
    .orderBy(s.startTime, sql`(${s.status} = 'scheduled') asc`);
}

export async function isWhitelisted(
  db: Executor,
  tenantId: number,
  workshopId: number,
  email: string,
  immersioStudentId: string | undefined,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from whitelist_entries
        where tenant_id = ${tenantId} and workshop_id = ${workshopId}
          and (email = ${email} or (${immersioStudentId ?? null}::text is not null
                                    and immersio_student_id = ${immersioStudentId ?? null}))
        limit 1`,
  );
  return rows.length > 0;
}
