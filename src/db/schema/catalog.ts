import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { availabilitySchedules } from './availability.ts';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

// Shaped like Cal.com: an event type carries what is bookable, the workshop extends it.
// The workshops issue fills in creation and the remaining columns.

export const workshopStatus = pgEnum('workshop_status', ['active', 'draft', 'archived']);
export const workshopType = pgEnum('workshop_type', ['live_class', 'workshop', 'tutoring']);

export const eventTypes = pgTable(
  'event_types',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    seats: integer('seats').notNull(),
    locations: jsonb('locations').notNull().default([]),
    refundWindowHours: integer('refund_window_hours').notNull().default(12),
    cancellationNoticeHours: integer('cancellation_notice_hours').notNull().default(24),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_types_tenant_slug_uq').on(t.tenantId, t.slug),
    // The staff app's teacher filters (workshops, bookings, overview).
    index('event_types_tenant_teacher_idx').on(t.tenantId, t.teacherId),
  ],
);

export const workshops = pgTable(
  'workshops',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    eventTypeId: integer('event_type_id')
      .notNull()
      .unique()
      .references(() => eventTypes.id, { onDelete: 'cascade' }),
    workshopType: workshopType('workshop_type').notNull().default('workshop'),
    topicCategory: text('topic_category'),
    /** The language the class is taught in ("taught in French"), a BCP 47 tag; none when null. */
    teachingLanguage: text('teaching_language'),
    status: workshopStatus('status').notNull().default('draft'),
    whitelistEnabled: boolean('whitelist_enabled').notNull().default(false),
    immersioCourseId: text('immersio_course_id'),
    syncStudentsFromImmersio: boolean('sync_students_from_immersio').notNull().default(false),
    /** How the workshop repeats, kept for sessions added after creation. */
    recurrence: jsonb('recurrence'),
    /**
     * `fixed`: staff schedule the sessions. `slots`: students pick a time from the teacher's
     * availability and the session is created by the booking (issue 14).
     */
    bookingMode: text('booking_mode').notNull().default('fixed'),
    /** The availability slots come from; the teacher's default schedule when null. */
    scheduleId: integer('schedule_id').references(() => availabilitySchedules.id, { onDelete: 'set null' }),
    /** Minutes between slot starts; the duration when null. */
    slotIntervalMinutes: integer('slot_interval_minutes'),
    /** The teacher's time kept free before and after each session (every session, not only slots). */
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    minimumNoticeMinutes: integer('minimum_notice_minutes').notNull().default(120),
    bookingHorizonDays: integer('booking_horizon_days').notNull().default(60),
    /** The most slot bookings a day (teacher's local day) for this workshop's teacher; none when null. */
    maxBookingsPerDay: integer('max_bookings_per_day'),
    /** Whether a full session offers its waitlist (issue 16). */
    waitlistEnabled: boolean('waitlist_enabled').notNull().default(true),
    /** How long a freed seat is held for the first waiting student (never past an hour before the start). */
    waitlistOfferMinutes: integer('waitlist_offer_minutes').notNull().default(120),
    /** `session`: seats are booked one session at a time; `course`: only all remaining sessions at once; `both`. */
    enrolment: text('enrolment').notNull().default('both'),
    /** The whole course's price, pro-rated for late joiners; null = the sum of the sessions' prices. */
    coursePriceCents: integer('course_price_cents'),
    /** What the booking form asks (issue 17): at most 10, validated by workshop-questions.schema.ts. */
    questions: jsonb('questions').notNull().default([]),
    /** Minutes before a session each attendee is e-mailed a reminder (issue 17): at most 3; [] = none. */
    reminderMinutesBefore: integer('reminder_minutes_before')
      .array()
      .notNull()
      .default(sql`'{1440,60}'::integer[]`),
    /** The school's own text in confirmations and reminders (issue 17); sent only while the plan has customEmails. */
    emailMessage: text('email_message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('workshops_tenant_status_idx').on(t.tenantId, t.status),
    check('workshops_booking_mode', sql`${t.bookingMode} in ('fixed', 'slots')`),
    check(
      'workshops_email_message_len',
      sql`${t.emailMessage} is null or char_length(${t.emailMessage}) between 1 and 2000`,
    ),
    check(
      'workshops_class_settings',
      sql`${t.waitlistOfferMinutes} between 5 and 10080 and ${t.enrolment} in ('session', 'course', 'both')
        and (${t.coursePriceCents} is null or ${t.coursePriceCents} between 0 and 100000000)`,
    ),
    check(
      'workshops_slot_settings',
      sql`${t.bufferBeforeMinutes} between 0 and 480 and ${t.bufferAfterMinutes} between 0 and 480
        and ${t.minimumNoticeMinutes} between 0 and 525600 and ${t.bookingHorizonDays} between 1 and 730
        and (${t.slotIntervalMinutes} is null or ${t.slotIntervalMinutes} between 5 and 480)
        and (${t.maxBookingsPerDay} is null or ${t.maxBookingsPerDay} between 1 and 100)`,
    ),
  ],
);

export const workshopSessions = pgTable(
  'workshop_sessions',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
    /** The teacher's zone the session was scheduled in; start/end are UTC instants. */
    timeZone: text('time_zone').notNull(),
    seats: integer('seats').notNull(),
    /** Accepted bookings plus unexpired holds; the bookings issue guards it in SQL. */
    bookedSeats: integer('booked_seats').notNull().default(0),
    status: text('status').notNull().default('scheduled'),
    /**
     * Filled by a trigger from the workshop on every insert (migration 0012), never by the
     * application: the teacher, and the time they are busy (the session plus the workshop's
     * buffers). The exclusion constraint `workshop_sessions_teacher_busy` keeps a teacher's booked
     * sessions from overlapping.
     */
    teacherId: integer('teacher_id'),
    busyFrom: timestamp('busy_from', { withTimezone: true }),
    busyUntil: timestamp('busy_until', { withTimezone: true }),
    /** False only for sessions that already overlapped when the constraint came (migration 0012). */
    teacherBusy: boolean('teacher_busy').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Bumped by a trigger (migration 0033) whenever the session's time or status changes, with
     * `changedAt`: the SEQUENCE and DTSTAMP of its event in the staff calendar feeds.
     */
    sequence: integer('sequence').notNull().default(0),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'workshop_sessions_busy_filled',
      sql`${t.teacherId} is not null and ${t.busyFrom} is not null and ${t.busyUntil} is not null`,
    ),
    index('workshop_sessions_workshop_start_idx').on(t.workshopId, t.startTime),
    // One live session per workshop and start: a slot booking creates its session with
    // `insert … on conflict` on this index, so racing students share one session (migration 0013).
    uniqueIndex('workshop_sessions_workshop_start_live_uq')
      .on(t.workshopId, t.startTime)
      .where(sql`${t.status} = 'scheduled'`),
    // Slots read a teacher's sessions by time.
    index('workshop_sessions_tenant_teacher_busy_idx').on(t.tenantId, t.teacherId, t.busyFrom),
    // The calendar and the overview's upcoming sessions read a school's sessions by time.
    index('workshop_sessions_tenant_start_idx').on(t.tenantId, t.startTime),
    // The teachers' digest poller reads every school's live sessions of the coming hours (issue 17).
    index('workshop_sessions_live_start_idx').on(t.startTime).where(sql`${t.status} = 'scheduled'`),
  ],
);

export const whitelistEntries = pgTable(
  'whitelist_entries',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    /** Trimmed and lower-cased. */
    email: text('email').notNull(),
    name: text('name'),
    immersioStudentId: text('immersio_student_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('whitelist_entries_workshop_email_uq').on(t.workshopId, t.email)],
);
