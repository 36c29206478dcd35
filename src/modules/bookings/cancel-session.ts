import { AppError } from '../../lib/errors.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { findWorkshopById } from './bookable-workshops.repo.ts';
import { liveBookingsOfSession } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { type CancelOutcome, cancelInTx, settleRefund } from './cancel-in-tx.ts';
import { cancellationTerms } from './policy.ts';
import { lockSession, markSessionCancelled } from './sessions.repo.ts';
import { type Actor, sessionCancellationBy } from './staff-access.ts';

export type CancelSessionDeps = Pick<BookingsDeps, 'db' | 'env' | 'now' | 'bus' | 'wakeOutbox' | 'payments'>;

/** Staff cancel a whole session: every live booking cancelled and refunded, the session closed. */
export async function cancelSession(
  deps: CancelSessionDeps,
  actor: Actor & { sessionId: number; reason?: string | undefined },
) {
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const session = await lockSession(tx, actor.tenantId, actor.sessionId);
    if (!session) throw new AppError('NOT_FOUND', 'Session not found');
    const workshop = (await findWorkshopById(tx, actor.tenantId, session.workshopId))!;
    const by = sessionCancellationBy(actor, { status: session.status, teacherId: workshop.teacherId });
    const tenant = (await findTenant(tx, { id: actor.tenantId }))!;
    const bookings = await liveBookingsOfSession(tx, actor.tenantId, actor.sessionId, { lock: true });
    const results: CancelOutcome[] = [];
    for (const booking of bookings) {
      const terms = cancellationTerms(now, booking.startTime, workshop);
      results.push(
        await cancelInTx(deps, tx, {
          booking,
          tenant,
          workshop,
          by,
          reason: actor.reason?.trim() || null,
          refundDue: true,
          withinWindow: terms.withinRefundWindow,
          refundReason: 'session_cancelled',
          now,
        }),
      );
    }
    await markSessionCancelled(tx, actor.tenantId, actor.sessionId);
    return results;
  });
  // The schedule changed, not only seats: the booking catalogue reloads the sessions.
  await deps.bus.publish({ type: 'catalog', tenantId: actor.tenantId });
  deps.wakeOutbox();
  const refunds = await Promise.all(outcome.map((result) => settleRefund(deps, result)));
  return {
    success: true,
    cancelledBookings: outcome.length,
    refundsIssued: refunds.filter((r) => r.status === 'completed' || r.status === 'pending').length,
  };
}
