import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { memberships, tenants } from './tenants.ts';

/**
 * A teacher's availability (Cal.com's "schedule"): weekly hours and date overrides as wall-clock
 * times in `time_zone`, shaped by src/modules/availability/schedule-shape.schema.ts. Migration 0011
 * also adds the trigger that gives every new membership its default schedule and the one that
 * caps schedules per teacher (see there).
 */
export const availabilitySchedules = pgTable(
  'availability_schedules',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** A user who is a member of the tenant (any role: owners and admins teach too). */
    teacherId: integer('teacher_id').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    /** `{monday: [{start: 'HH:MM', end: 'HH:MM'}], …, sunday: […]}`, every weekday present. */
    weeklyHours: jsonb('weekly_hours').notNull(),
    /** `[{date: 'YYYY-MM-DD', ranges: […]}]`, sorted by date, one per date. */
    overrides: jsonb('overrides').notNull().default([]),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The teacher must be a member of the schedule's tenant; leaving it takes their schedules.
    foreignKey({
      name: 'availability_schedules_membership_fk',
      columns: [t.tenantId, t.teacherId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete('cascade'),
    // Exactly one default per teacher and tenant: at most one by this index, at least one because
    // the default cannot be deleted and setDefault moves it inside one transaction.
    uniqueIndex('availability_schedules_default_uq').on(t.tenantId, t.teacherId).where(sql`${t.isDefault}`),
    index('availability_schedules_tenant_teacher_idx').on(t.tenantId, t.teacherId),
    check('availability_schedules_name_len', sql`char_length(${t.name}) between 1 and 100`),
    check('availability_schedules_weekly_hours_object', sql`jsonb_typeof(${t.weeklyHours}) = 'object'`),
    check('availability_schedules_overrides_array', sql`jsonb_typeof(${t.overrides}) = 'array'`),
  ],
);

/**
 * A teacher's external calendar (an ICS feed URL) whose busy times block their slots. The worker
 * polls it (`next_fetch_at`, claimed by one instance at a time) and keeps the validators of the
 * last answer for conditional requests. A failed fetch records `last_error` and keeps the busy
 * times it had. See src/modules/availability/calendar-feed-*.ts.
 */
export const teacherCalendarFeeds = pgTable(
  'teacher_calendar_feeds',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id').notNull(),
    url: text('url').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** The last fetch that succeeded (a 304 included). */
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
    /** Why the last fetch failed; null once one succeeds. */
    lastError: text('last_error'),
    /** The end of the window the stored busy times were expanded for (a 304 does not move it). */
    expandedUntil: timestamp('expanded_until', { withTimezone: true }),
    nextFetchAt: timestamp('next_fetch_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'teacher_calendar_feeds_membership_fk',
      columns: [t.tenantId, t.teacherId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete('cascade'),
    uniqueIndex('teacher_calendar_feeds_teacher_uq').on(t.tenantId, t.teacherId),
    index('teacher_calendar_feeds_next_fetch_idx').on(t.nextFetchAt),
    check('teacher_calendar_feeds_url_len', sql`char_length(${t.url}) between 1 and 2048`),
  ],
);

/** The busy times a teacher's calendar feed yields, replaced whole by each successful fetch. */
export const externalBusyTimes = pgTable(
  'external_busy_times',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    teacherId: integer('teacher_id').notNull(),
    feedId: integer('feed_id')
      .notNull()
      .references(() => teacherCalendarFeeds.id, { onDelete: 'cascade' }),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('external_busy_times_teacher_start_idx').on(t.tenantId, t.teacherId, t.startTime),
    index('external_busy_times_feed_idx').on(t.feedId),
    check('external_busy_times_range', sql`${t.endTime} > ${t.startTime}`),
  ],
);
