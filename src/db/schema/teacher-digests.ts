import { date, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

/**
 * One row per teachers' daily digest queued (issue 17): the poller inserts (school, teacher,
 * local date) with `on conflict do nothing` in the transaction that queues the e-mail job, so
 * two instances or two ticks never queue the same morning's digest twice.
 */
export const teacherDigests = pgTable(
  'teacher_digests',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The day in the teacher's zone the digest is about. */
    localDate: date('local_date', { mode: 'string' }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.teacherId, t.localDate] })],
);
