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
