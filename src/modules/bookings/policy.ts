const HOUR_MS = 3_600_000;

export interface BookingPolicy {
  /** Students may cancel until this many hours before the start. */
  cancellationNoticeHours: number;
  /** A student's cancellation at least this many hours before the start is refunded in full. */
  refundWindowHours: number;
}

export interface CancellationTerms {
  /** The student may still cancel (now is at or before the deadline). */
  allowed: boolean;
  deadline: Date;
  /** Cancelling now would be refunded (if anything was paid). */
  withinRefundWindow: boolean;
  refundDeadline: Date;
}

/**
 * Both deadlines are inclusive: cancelling exactly `cancellationNoticeHours` before is allowed.
 * `freeCancelUntil` (set when staff moved the booking's session) overrides the policy: until then
 * the student may cancel with a full refund, since they did not choose the new time.
 */
export function cancellationTerms(
  now: Date,
  startTime: Date,
  policy: BookingPolicy,
  freeCancelUntil: Date | null = null,
): CancellationTerms {
  let deadline = new Date(startTime.getTime() - policy.cancellationNoticeHours * HOUR_MS);
  let refundDeadline = new Date(startTime.getTime() - policy.refundWindowHours * HOUR_MS);
  if (freeCancelUntil !== null) {
    if (freeCancelUntil > deadline) deadline = freeCancelUntil;
    if (freeCancelUntil > refundDeadline) refundDeadline = freeCancelUntil;
  }
  return {
    allowed: now.getTime() <= deadline.getTime(),
    deadline,
    withinRefundWindow: now.getTime() <= refundDeadline.getTime(),
    refundDeadline,
  };
}

export function hours(n: number): string {
  return n === 1 ? '1 hour' : `${n} hours`;
}
