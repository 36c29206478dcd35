import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { workshopSessions } from '../../db/schema/index.ts';

// Cancelling a whole session: the session is locked while its bookings are cancelled, then closed.

export async function lockSession(db: Executor, tenantId: number, sessionId: number) {
  const s = workshopSessions;
  const [row] = await db
    .select({
      id: s.id,
      workshopId: s.workshopId,
      startTime: s.startTime,
      status: s.status,
      seats: s.seats,
      bookedSeats: s.bookedSeats,
    })
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.id, sessionId)))
    .for('update');
  return row;
}

/** Closes the session; its bookings were cancelled in the same transaction, so no seat is held. */
export async function markSessionCancelled(db: Executor, tenantId: number, sessionId: number) {
  await db
    .update(workshopSessions)
    .set({ status: 'cancelled', bookedSeats: 0 })
    .where(and(eq(workshopSessions.tenantId, tenantId), eq(workshopSessions.id, sessionId)));
}
