import {
  boolean,
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
    status: workshopStatus('status').notNull().default('draft'),
    whitelistEnabled: boolean('whitelist_enabled').notNull().default(false),
    immersioCourseId: text('immersio_course_id'),
    syncStudentsFromImmersio: boolean('sync_students_from_immersio').notNull().default(false),
    /** How the workshop repeats, kept for sessions added after creation. */
    recurrence: jsonb('recurrence'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workshops_tenant_status_idx').on(t.tenantId, t.status)],
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('workshop_sessions_workshop_start_idx').on(t.workshopId, t.startTime),
    // The calendar and the overview's upcoming sessions read a school's sessions by time.
    index('workshop_sessions_tenant_start_idx').on(t.tenantId, t.startTime),
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
