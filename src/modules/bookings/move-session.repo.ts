import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { bookings, waitlistEntries, workshopSessions } from '../../db/schema/index.ts';
import type { BookingRow } from './bookings.repo.ts';

// The statements of staff moving a whole session (move-session.ts), run in one transaction: the
// session row locked and moved (the teacher-busy trigger and exclusion constraint re-check its
// busy time), then its live bookings follow it.

export async function lockSessionToMove(db: Executor, tenantId: number, sessionId: number) {
  const s = workshopSessions;
  const [row] = await db
    .select({
      id: s.id,
      workshopId: s.workshopId,
      startTime: s.startTime,
      endTime: s.endTime,
      timeZone: s.timeZone,
      status: s.status,
    })
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.id, sessionId)))
    .for('update');
  return row;
}

/** Another scheduled session of the workshop starting at `startTime`, if any. */
export async function otherSessionAt(
  db: Executor,
  input: { tenantId: number; workshopId: number; sessionId: number; startTime: Date },
): Promise<number | undefined> {
  const s = workshopSessions;
  const [row] = await db
    .select({ id: s.id })
    .from(s)
    .where(
      and(
        eq(s.tenantId, input.tenantId),
        eq(s.workshopId, input.workshopId),
        eq(s.startTime, input.startTime),
        eq(s.status, 'scheduled'),
        sql`${s.id} <> ${input.sessionId}`,
      ),
    );
  return row?.id;
}

/** Moves the (locked, scheduled) session; its busy time is recomputed by the fill-busy trigger. */
export async function moveSessionRow(
  db: Executor,
  input: { tenantId: number; sessionId: number; startTime: Date; endTime: Date },
) {
  await db
    .update(workshopSessions)
    .set({ startTime: input.startTime, endTime: input.endTime })
    .where(and(eq(workshopSessions.tenantId, input.tenantId), eq(workshopSessions.id, input.sessionId)));
}

/**
 * The session's live bookings (paid or held) follow it: new times, the invite's SEQUENCE one
 * higher, and a free cancellation until the new start (policy.ts honours `free_cancel_until`).
 */
export async function moveSessionBookings(
  db: Executor,
  input: { tenantId: number; sessionId: number; startTime: Date; endTime: Date; now: Date },
): Promise<BookingRow[]> {
  const rows = await db
    .update(bookings)
    .set({
      startTime: input.startTime,
      endTime: input.endTime,
      icsSequence: sql`${bookings.icsSequence} + 1`,
      freeCancelUntil: input.startTime,
      updatedAt: input.now,
    })
    .where(
      and(
        eq(bookings.tenantId, input.tenantId),
        eq(bookings.sessionId, input.sessionId),
        inArray(bookings.status, ['pending', 'accepted']),
      ),
    )
    .returning();
  return rows.map(({ updatedAt: _updatedAt, ...row }) => row).sort((a, b) => a.id - b.id);
}

/**
 * The session's waitlist entries still waiting, in line order: they stay on its line (the entry
 * follows the session, not its time) and are told the new time.
 */
export async function waitingEntriesOfSession(db: Executor, tenantId: number, sessionId: number) {
  const e = waitlistEntries;
  return db
    .select({ uid: e.uid, email: e.email, name: e.name, timeZone: e.timeZone, language: e.language })
    .from(e)
    .where(and(eq(e.tenantId, tenantId), eq(e.sessionId, sessionId), eq(e.status, 'waiting')))
    .orderBy(e.position);
}
