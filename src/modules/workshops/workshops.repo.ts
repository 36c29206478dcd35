import { and, asc, eq, gt, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  bookings,
  eventTypes,
  memberships,
  tenants,
  users,
  whitelistEntries,
  workshopSessions,
  workshops,
} from '../../db/schema/index.ts';

export async function findTeacher(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

/** Event types that count against the plan: every workshop not archived. */
export async function countLiveEventTypes(db: Executor, tenantId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workshops)
    .where(and(eq(workshops.tenantId, tenantId), ne(workshops.status, 'archived')));
  return row?.n ?? 0;
}

export async function slugsLike(db: Executor, tenantId: number, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: eventTypes.slug })
    .from(eventTypes)
    .where(
      and(
        eq(eventTypes.tenantId, tenantId),
        sql`(${eventTypes.slug} = ${base} or ${eventTypes.slug} ~ ${`^${base}-[0-9]+$`})`,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

export async function insertEventType(db: Executor, values: typeof eventTypes.$inferInsert) {
  const [row] = await db.insert(eventTypes).values(values).returning({ id: eventTypes.id });
  return row!;
}

export async function insertWorkshop(db: Executor, values: typeof workshops.$inferInsert) {
  const [row] = await db
    .insert(workshops)
    .values(values)
    .returning({ id: workshops.id, createdAt: workshops.createdAt });
  return row!;
}

export async function insertSessions(db: Executor, rows: Array<typeof workshopSessions.$inferInsert>) {
  if (rows.length > 0) await db.insert(workshopSessions).values(rows);
}

export async function insertWhitelist(db: Executor, rows: Array<typeof whitelistEntries.$inferInsert>) {
  if (rows.length > 0) await db.insert(whitelistEntries).values(rows).onConflictDoNothing();
}

/** Locks the workshop row (serialising whitelist changes); undefined when not this tenant's. */
export async function lockWorkshop(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await db
    .select({
      id: workshops.id,
      immersioCourseId: workshops.immersioCourseId,
      syncStudentsFromImmersio: workshops.syncStudentsFromImmersio,
    })
    .from(workshops)
    .where(and(eq(workshops.tenantId, tenantId), eq(workshops.id, workshopId)))
    .for('update');
  return row;
}

/** Inserts the entries that are not there yet; returns how many were inserted. */
export async function addWhitelistEntries(db: Executor, rows: Array<typeof whitelistEntries.$inferInsert>) {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(whitelistEntries)
    .values(rows)
    .onConflictDoNothing({ target: [whitelistEntries.workshopId, whitelistEntries.email] })
    .returning({ id: whitelistEntries.id });
  return inserted.length;
}

export async function removeWhitelistEntries(
  db: Executor,
  tenantId: number,
  workshopId: number,
  emails: { only: string[] } | { except: string[] },
) {
  const scope = and(eq(whitelistEntries.tenantId, tenantId), eq(whitelistEntries.workshopId, workshopId));
  const match =
    'only' in emails
      ? sql`${whitelistEntries.email} = any(${sql.param(emails.only)}::text[])`
      : sql`not (${whitelistEntries.email} = any(${sql.param(emails.except)}::text[]))`;
  const removed = await db
    .delete(whitelistEntries)
    .where(and(scope, match))
    .returning({ id: whitelistEntries.id });
  return removed.length;
}

export async function countWhitelist(db: Executor, tenantId: number, workshopId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(whitelistEntries)
    .where(and(eq(whitelistEntries.tenantId, tenantId), eq(whitelistEntries.workshopId, workshopId)));
  return row?.n ?? 0;
}

export async function findWorkshop(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await db
    .select({
      workshop: workshops,
      eventType: eventTypes,
      teacher: { id: users.id, name: users.name, avatarUrl: users.image },
      tenantSlug: tenants.slug,
    })
    .from(workshops)
    .innerJoin(
      eventTypes,
      and(eq(eventTypes.id, workshops.eventTypeId), eq(eventTypes.tenantId, workshops.tenantId)),
    )
    .innerJoin(users, eq(users.id, eventTypes.teacherId))
    .innerJoin(tenants, eq(tenants.id, workshops.tenantId))
    .where(and(eq(workshops.tenantId, tenantId), eq(workshops.id, workshopId)));
  return row;
}

export async function listSessions(db: Executor, tenantId: number, workshopId: number) {
  return db
    .select({
      id: workshopSessions.id,
      startTime: workshopSessions.startTime,
      endTime: workshopSessions.endTime,
      timeZone: workshopSessions.timeZone,
      seats: workshopSessions.seats,
      bookedSeats: workshopSessions.bookedSeats,
      status: workshopSessions.status,
    })
    .from(workshopSessions)
    .where(sessionsOf(tenantId, workshopId))
    .orderBy(asc(workshopSessions.startTime));
}

/** Locks the workshop row for an edit and returns what the edit needs to know. */
export async function lockWorkshopForEdit(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await db
    .select({
      id: workshops.id,
      eventTypeId: workshops.eventTypeId,
      status: workshops.status,
      teacherId: eventTypes.teacherId,
      durationMinutes: eventTypes.durationMinutes,
      seats: eventTypes.seats,
      bookingMode: workshops.bookingMode,
      scheduleId: workshops.scheduleId,
      bufferBeforeMinutes: workshops.bufferBeforeMinutes,
      bufferAfterMinutes: workshops.bufferAfterMinutes,
    })
    .from(workshops)
    .innerJoin(
      eventTypes,
      and(eq(eventTypes.id, workshops.eventTypeId), eq(eventTypes.tenantId, workshops.tenantId)),
    )
    .where(and(eq(workshops.tenantId, tenantId), eq(workshops.id, workshopId)))
    .for('update', { of: workshops });
  return row;
}

export async function slugTaken(db: Executor, tenantId: number, slug: string, exceptEventTypeId: number) {
  const [row] = await db
    .select({ id: eventTypes.id })
    .from(eventTypes)
    .where(
      and(eq(eventTypes.tenantId, tenantId), eq(eventTypes.slug, slug), ne(eventTypes.id, exceptEventTypeId)),
    );
  return row !== undefined;
}

export type EventTypeChanges = Partial<
  Pick<
    typeof eventTypes.$inferInsert,
    | 'title'
    | 'slug'
    | 'description'
    | 'durationMinutes'
    | 'priceCents'
    | 'currency'
    | 'seats'
    | 'locations'
    | 'teacherId'
    | 'refundWindowHours'
    | 'cancellationNoticeHours'
  >
>;

export async function updateEventType(
  db: Executor,
  tenantId: number,
  eventTypeId: number,
  changes: EventTypeChanges,
  now: Date,
) {
  await db
    .update(eventTypes)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(eventTypes.tenantId, tenantId), eq(eventTypes.id, eventTypeId)));
}

export type WorkshopChanges = Partial<
  Pick<
    typeof workshops.$inferInsert,
    | 'workshopType'
    | 'topicCategory'
    | 'status'
    | 'whitelistEnabled'
    | 'immersioCourseId'
    | 'syncStudentsFromImmersio'
    | 'recurrence'
    | 'bookingMode'
    | 'scheduleId'
    | 'slotIntervalMinutes'
    | 'bufferBeforeMinutes'
    | 'bufferAfterMinutes'
    | 'minimumNoticeMinutes'
    | 'bookingHorizonDays'
    | 'maxBookingsPerDay'
    | 'waitlistEnabled'
    | 'waitlistOfferMinutes'
    | 'enrolment'
    | 'coursePriceCents'
    | 'questions'
    | 'reminderMinutesBefore'
    | 'emailMessage'
    | 'teachingLanguage'
  >
>;

export async function updateWorkshopRow(
  db: Executor,
  tenantId: number,
  workshopId: number,
  changes: WorkshopChanges,
  now: Date,
) {
  await db
    .update(workshops)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(workshops.tenantId, tenantId), eq(workshops.id, workshopId)));
}

/** This tenant's sessions of this workshop; every session query starts from here. */
function sessionsOf(tenantId: number, workshopId: number, ...more: SQL[]) {
  return and(eq(workshopSessions.tenantId, tenantId), eq(workshopSessions.workshopId, workshopId), ...more);
}

const upcoming = (now: Date) => [
  eq(workshopSessions.status, 'scheduled'),
  gt(workshopSessions.startTime, now),
];

const sessionLockColumns = {
  id: workshopSessions.id,
  startTime: workshopSessions.startTime,
  bookedSeats: workshopSessions.bookedSeats,
};

/**
 * The workshop's scheduled sessions that have not started, locked: seat and schedule changes
 * then serialise with bookings, which take the same row locks.
 */
export async function lockUpcomingSessions(db: Executor, tenantId: number, workshopId: number, now: Date) {
  return db
    .select(sessionLockColumns)
    .from(workshopSessions)
    .where(sessionsOf(tenantId, workshopId, ...upcoming(now)))
    .orderBy(asc(workshopSessions.startTime))
    .for('update');
}

/** New seats and duration for sessions that have not started; past sessions keep their history. */
export async function updateUpcomingSessions(
  db: Executor,
  tenantId: number,
  workshopId: number,
  now: Date,
  changes: { seats?: number | undefined; durationMinutes?: number | undefined },
) {
  if (changes.seats === undefined && changes.durationMinutes === undefined) return;
  await db
    .update(workshopSessions)
    .set({
      ...(changes.seats !== undefined && { seats: changes.seats }),
      ...(changes.durationMinutes !== undefined && {
        endTime: sql`${workshopSessions.startTime} + make_interval(mins => ${changes.durationMinutes}::int)`,
      }),
    })
    .where(sessionsOf(tenantId, workshopId, ...upcoming(now)));
}

/** Start times of the workshop's scheduled sessions, to skip duplicates when adding. */
export async function scheduledStartTimes(db: Executor, tenantId: number, workshopId: number) {
  const rows = await db
    .select({ startTime: workshopSessions.startTime })
    .from(workshopSessions)
    .where(sessionsOf(tenantId, workshopId, eq(workshopSessions.status, 'scheduled')));
  return new Set(rows.map((r) => r.startTime.getTime()));
}

export async function insertSessionsReturning(
  db: Executor,
  rows: Array<typeof workshopSessions.$inferInsert>,
) {
  if (rows.length === 0) return [];
  return db.insert(workshopSessions).values(rows).returning({
    id: workshopSessions.id,
    startTime: workshopSessions.startTime,
    endTime: workshopSessions.endTime,
    timeZone: workshopSessions.timeZone,
  });
}

export async function lockSession(db: Executor, tenantId: number, workshopId: number, sessionId: number) {
  const [row] = await db
    .select(sessionLockColumns)
    .from(workshopSessions)
    .where(sessionsOf(tenantId, workshopId, eq(workshopSessions.id, sessionId)))
    .for('update');
  return row;
}

/** Whether anyone holds or has a seat at this workshop at this time (pending or accepted). */
export async function hasLiveBookings(db: Executor, tenantId: number, workshopId: number, startTime: Date) {
  const [row] = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.workshopId, workshopId),
        eq(bookings.startTime, startTime),
        inArray(bookings.status, ['pending', 'accepted']),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function deleteSessions(db: Executor, tenantId: number, workshopId: number, ids: number[]) {
  if (ids.length === 0) return;
  await db
    .delete(workshopSessions)
    .where(sessionsOf(tenantId, workshopId, inArray(workshopSessions.id, ids)));
}
