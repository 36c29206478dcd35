import { labelledAnswers } from '../workshops/booking-answers.ts';
import { isEnrolmentUid } from './enrolments/enrolment-link.ts';
import type { StaffBooking } from './procedures/list-bookings.schema.ts';
import type { StaffBookingRow } from './staff-bookings.repo.ts';

/** A booking row as the list, the roster and the CSV export show it. */
export function toStaffBooking(row: StaffBookingRow): StaffBooking {
  return {
    id: row.id,
    uid: row.uid,
    status: row.status,
    paid: row.paid,
    session: {
      id: row.sessionId,
      startTime: row.startTime,
      endTime: row.endTime,
      timeZone: row.timeZone,
    },
    workshop: { id: row.workshopId, title: row.workshopTitle },
    teacher: { id: row.teacherId, name: row.teacherName },
    attendee: { name: row.attendeeName, email: row.attendeeEmail, timeZone: row.attendeeTimeZone },
    payment:
      row.paymentAmount === null || row.paymentStatus === null
        ? null
        : { amount: row.paymentAmount, currency: row.paymentCurrency!, status: row.paymentStatus },
    refund:
      row.refundAmount === null || row.refundStatus === null
        ? null
        : { amount: row.refundAmount, currency: row.refundCurrency!, status: row.refundStatus },
    registrationSource: row.registrationSource,
    immersioStudentId: row.immersioStudentId,
    enrolmentUid: isEnrolmentUid(row.seriesUid) ? row.seriesUid : null,
    cancellation:
      row.cancelledAt === null
        ? null
        : {
            cancelledAt: row.cancelledAt,
            cancelledBy: row.cancelledBy,
            reason: row.cancellationReason,
          },
    createdAt: row.createdAt,
    attendance:
      row.attendance === null || row.attendanceMarkedAt === null
        ? null
        : { status: row.attendance, markedAt: row.attendanceMarkedAt },
    answers: labelledAnswers(row.questions, row.answers),
  };
}
