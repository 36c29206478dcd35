import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { availabilitySchedules, memberships, users } from '../../db/schema/index.ts';
import type { DateOverride, WeeklyHours } from './schedule-shape.schema.ts';

// Every query here names the tenant in its WHERE clause. Writers that move the default or add a
// schedule lock the teacher's membership row first (`lockTeacher`), so one teacher's schedule
// changes run one after another; a plain edit or a delete touches only its own row.

export interface ScheduleRow {
  id: number;
  teacher: { id: number; name: string };
  name: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  overrides: DateOverride[];
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const s = availabilitySchedules;
const scheduleColumns = {
  id: s.id,
  teacherId: s.teacherId,
  teacherName: users.name,
  name: s.name,
  timeZone: s.timeZone,
  weeklyHours: s.weeklyHours,
  overrides: s.overrides,
  isDefault: s.isDefault,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
};

function selectSchedules(db: Executor) {
  return db.select(scheduleColumns).from(s).innerJoin(users, eq(users.id, s.teacherId));
}

type SelectedRow = Awaited<ReturnType<typeof selectSchedules>>[number];

function toRow(row: SelectedRow): ScheduleRow {
  return {
    id: row.id,
    teacher: { id: row.teacherId, name: row.teacherName },
    name: row.name,
    timeZone: row.timeZone,
    // Written only through the shape's schemas (or the migration's default, the same shape).
    weeklyHours: row.weeklyHours as WeeklyHours,
    overrides: row.overrides as DateOverride[],
    isDefault: row.isDefault,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A member of the tenant (any role), with the name schedules show; undefined for anyone else. */
export async function findTeacher(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

/** The tenant's schedules (one teacher's when given): by teacher, the default first, then by name. */
export async function listSchedules(db: Executor, tenantId: number, teacherId?: number) {
  const rows = await selectSchedules(db)
    .where(and(eq(s.tenantId, tenantId), teacherId === undefined ? undefined : eq(s.teacherId, teacherId)))
    .orderBy(asc(users.name), asc(s.teacherId), desc(s.isDefault), asc(s.name), asc(s.id));
  return rows.map(toRow);
}

export async function findSchedule(db: Executor, tenantId: number, scheduleId: number) {
  const [row] = await selectSchedules(db).where(and(eq(s.tenantId, tenantId), eq(s.id, scheduleId)));
  return row && toRow(row);
}

/** The teacher's default schedule (every member has one, made by migration 0011's trigger). */
export async function findDefaultSchedule(db: Executor, tenantId: number, teacherId: number) {
  const [row] = await selectSchedules(db).where(
    and(eq(s.tenantId, tenantId), eq(s.teacherId, teacherId), eq(s.isDefault, true)),
  );
  return row && toRow(row);
}

/**
 * Serialises one teacher's default moves and inserts (the cap trigger takes the same lock).
 * False when the user is not a member of the tenant.
 */
export async function lockTeacher(db: Executor, tenantId: number, teacherId: number): Promise<boolean> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, teacherId)))
    .for('no key update');
  return rows.length > 0;
}

/** Unsets the teacher's default, except on `keepId`; run under `lockTeacher`. */
export async function clearDefault(
  db: Executor,
  tenantId: number,
  teacherId: number,
  now: Date,
  keepId?: number,
) {
  await db
    .update(s)
    .set({ isDefault: false, updatedAt: now })
    .where(
      and(
        eq(s.tenantId, tenantId),
        eq(s.teacherId, teacherId),
        eq(s.isDefault, true),
        keepId === undefined ? undefined : ne(s.id, keepId),
      ),
    );
}

/** Makes one schedule the default; run under `lockTeacher` after `clearDefault`. False if it is gone. */
export async function markDefault(db: Executor, tenantId: number, scheduleId: number, now: Date) {
  const rows = await db
    .update(s)
    .set({ isDefault: true, updatedAt: now })
    .where(and(eq(s.tenantId, tenantId), eq(s.id, scheduleId)))
    .returning({ id: s.id });
  return rows.length > 0;
}

export interface ScheduleValues {
  name: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  overrides: DateOverride[];
}

/**
 * Inserts a schedule. Past the per-teacher cap the database refuses it (migration 0011's trigger);
 * `isScheduleCapError` recognises that error.
 */
export async function insertSchedule(
  db: Executor,
  tenantId: number,
  values: ScheduleValues & { teacherId: number; isDefault: boolean; now: Date },
) {
  const [row] = await db
    .insert(s)
    .values({
      tenantId,
      teacherId: values.teacherId,
      name: values.name,
      timeZone: values.timeZone,
      weeklyHours: values.weeklyHours,
      overrides: values.overrides,
      isDefault: values.isDefault,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning({ id: s.id });
  return row!.id;
}

/** The cap trigger's refusal: check_violation naming `availability_schedules_per_teacher_cap`. */
export function isScheduleCapError(error: unknown): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === '23514' && e.constraint === 'availability_schedules_per_teacher_cap') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Changes the given fields; false when the schedule is not the tenant's (or was deleted). */
export async function updateSchedule(
  db: Executor,
  tenantId: number,
  scheduleId: number,
  patch: Partial<ScheduleValues> & { now: Date },
) {
  const { now, ...fields } = patch;
  const rows = await db
    .update(s)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(s.tenantId, tenantId), eq(s.id, scheduleId)))
    .returning({ id: s.id });
  return rows.length > 0;
}

/**
 * Deletes a schedule unless it is its teacher's default, in one statement: a concurrent setDefault
 * holding the row is waited for, and the row then re-checked, so the default is never deleted.
 */
export async function deleteNonDefaultSchedule(db: Executor, tenantId: number, scheduleId: number) {
  const rows = await db
    .delete(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.id, scheduleId), sql`not ${s.isDefault}`))
    .returning({ id: s.id });
  return rows.length > 0;
}
