import { AppError } from '../../../lib/errors.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { findWorkshopById } from '../bookable-workshops.repo.ts';
import { notifyContext } from '../booking-notify-context.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { type CancelOutcome, cancelInTx, settleRefund } from '../cancel-in-tx.ts';
import type { RefundOutcome } from '../events.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import { type StaffActor, staffRoleOn } from '../staff-access.ts';
import { planEnrolmentCancellation } from './enrolment-cancellation.ts';
import { enrolmentCancelledMessages } from './enrolment-notifications.ts';
import { enrolmentBookings, lockEnrolment, markEnrolmentCancelled } from './enrolments.repo.ts';

export type CancelEnrolmentDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'now' | 'bus' | 'wakeOutbox' | 'payments'
>;

/** Who cancels: the student through the manage link, or a staff member of the school. */
export type EnrolmentCanceller = { kind: 'student' } | { kind: 'staff'; actor: StaffActor };

/**
 * Cancels an enrolment in one transaction: the enrolment marked cancelled and each of its sessions
 * the plan picks (see `planEnrolmentCancellation`) cancelled as a booking is (seat back at once,
 * BOOKING_CANCELLED per session, its share refunded when due), with one e-mail to the student and
 * one to each staff member for all of them. The refunds run after the commit.
 */
export async function cancelEnrolment(
  deps: CancelEnrolmentDeps,
  input: { tenantId: number; enrolmentId: number; by: EnrolmentCanceller; reason?: string | undefined },
) {
  const now = deps.now();
  const { tenantId } = input;
  const tenant = (await findTenant(deps.db, { id: tenantId }))!;
  const reason = input.reason?.trim() || null;
  const outcome = await deps.db.transaction(async (tx) => {
    const enrolment = await lockEnrolment(tx, tenantId, { id: input.enrolmentId });
    if (!enrolment) throw new AppError('NOT_FOUND', 'Enrolment not found');
    const workshop = (await findWorkshopById(tx, tenantId, enrolment.workshopId))!;
    const by = input.by.kind === 'student' ? 'student' : staffRoleOn(input.by.actor, workshop.teacherId);
    if (enrolment.cancelledAt !== null) {
      if (input.by.kind === 'staff') throw new AppError('CONFLICT', 'This enrolment is already cancelled');
      return { enrolment, cancelledAt: enrolment.cancelledAt, results: [] };
    }
    const bookings = await enrolmentBookings(tx, tenantId, enrolment.uid, { lock: true });
    const plan = planEnrolmentCancellation(bookings, workshop, now, input.by.kind);
    if (plan.cancel.length === 0) {
      throw input.by.kind === 'staff'
        ? new AppError('CONFLICT', 'No session of this enrolment is left to cancel')
        : new AppError(
            'CANCELLATION_CLOSED',
            `No session of this enrolment can be cancelled online any more; please contact ${tenant.name}`,
          );
    }
    const results: Array<{ uid: string; startTime: Date; result: CancelOutcome }> = [];
    for (const planned of plan.cancel) {
      const result = await cancelInTx(deps, tx, {
        booking: planned.booking,
        tenant,
        workshop,
        by,
        reason,
        refundDue: planned.refundDue,
        withinWindow: planned.withinWindow,
        refundReason: 'enrolment_cancelled',
        now,
        emails: false,
      });
      results.push({ uid: planned.booking.uid, startTime: planned.booking.startTime, result });
    }
    await markEnrolmentCancelled(tx, tenantId, enrolment.id, { now, by, reason });
    const requested = total(
      results.map((r) => r.result.refund),
      enrolment.currency,
    );
    const messages = enrolmentCancelledMessages(notifyContext(deps.env, tenant, workshop, now), enrolment, {
      by,
      reason,
      cancelled: plan.cancel.map((c) => c.booking),
      kept: plan.kept,
      refund: requested,
    });
    for (const message of messages) await enqueue(tx, { ...message, tenantId });
    return { enrolment, cancelledAt: now, results };
  });
  if (outcome.results.length > 0) await announceSeatChanges(deps, [tenantId], true);
  // One at a time: they are partial refunds of the same Stripe payment.
  const settled = [];
  for (const r of outcome.results) settled.push({ ...r, refund: await settleRefund(deps, r.result) });
  return {
    enrolment: {
      id: outcome.enrolment.id,
      uid: outcome.enrolment.uid,
      status: 'cancelled' as const,
      cancelledAt: outcome.cancelledAt,
    },
    sessions: settled.map((s) => ({
      uid: s.uid,
      startTime: s.startTime,
      status: 'cancelled' as const,
      refund: s.refund,
    })),
    refund: total(
      settled.map((s) => s.refund),
      outcome.enrolment.currency,
    ),
  };
}

/** The refunds of the sessions as one: their sum, and the least settled state among them. */
function total(refunds: RefundOutcome[], currency: string) {
  const due = refunds.filter((r) => r.status !== 'not_applicable');
  const amount = due.reduce((sum, r) => sum + r.amount, 0);
  const status =
    due.length === 0
      ? ('not_applicable' as const)
      : due.some((r) => r.status === 'failed')
        ? ('failed' as const)
        : due.some((r) => r.status === 'pending')
          ? ('pending' as const)
          : ('completed' as const);
  return { amount, currency: due[0]?.currency ?? currency, status };
}
