import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Role } from '../tenants/roles.ts';
import { storedAnswers } from './booking-answers.ts';
import type { GetBookingsInput } from './procedures/get-bookings.schema.ts';
import * as repo from './workshop-bookings.repo.ts';

/**
 * What `payment.status` says about the booking's succeeded payment:
 * - `succeeded`: paid, nothing refunded;
 * - `refund_pending`: a refund was requested and Stripe has not confirmed it yet;
 * - `refunded`: the whole amount went back;
 * - `partially_refunded`: some of it went back.
 */
export type PaymentView = 'succeeded' | 'refund_pending' | 'refunded' | 'partially_refunded';

function paymentStatus(row: repo.WorkshopBookingRow): PaymentView {
  if (row.refundPending) return 'refund_pending';
  const refunded = row.paymentRefunded ?? 0;
  if (refunded <= 0) return 'succeeded';
  return refunded >= (row.paymentAmount ?? 0) ? 'refunded' : 'partially_refunded';
}

// Raw SQL rows bring timestamps as strings on node-postgres and Dates on PGlite.
const date = (value: Date | string) => new Date(value);

/**
 * A workshop's bookings, for staff: admins see any workshop's, a MEMBER only those of the
 * workshops they teach. Another tenant's workshop is indistinguishable from a missing one.
 * Three queries whatever the page size: the workshop's teacher, then the page and the count.
 */
export async function listWorkshopBookings(
  db: Executor,
  viewer: { tenantId: number; userId: number; role: Role },
  input: GetBookingsInput,
) {
  const workshop = await repo.findWorkshopTeacher(db, viewer.tenantId, input.workshopId);
  if (!workshop) throw new AppError('WORKSHOP_NOT_FOUND');
  if (viewer.role === 'MEMBER' && workshop.teacherId !== viewer.userId) {
    throw new AppError('FORBIDDEN', 'Only an admin or the workshop’s teacher can see its bookings');
  }
  const filters: repo.WorkshopBookingFilters = {
    tenantId: viewer.tenantId,
    workshopId: input.workshopId,
    status: input.status,
    startDate: input.startDate,
    endDate: input.endDate,
  };
  const [rows, totalCount] = await Promise.all([
    repo.listWorkshopBookings(db, filters, { limit: input.limit, offset: (input.page - 1) * input.limit }),
    repo.countWorkshopBookings(db, filters),
  ]);
  return {
    bookings: rows.map((row) => ({
      id: row.id,
      uid: row.uid,
      title: row.title,
      startTime: date(row.startTime),
      endTime: date(row.endTime),
      status: row.status,
      paid: row.paid,
      attendees: [{ email: row.attendeeEmail, name: row.attendeeName, timeZone: row.attendeeTimeZone }],
      payment:
        row.paymentAmount === null
          ? null
          : { amount: row.paymentAmount, currency: row.paymentCurrency!, status: paymentStatus(row) },
      metadata: {
        ...(row.immersioStudentId !== null && { immersioStudentId: row.immersioStudentId }),
        registrationSource: row.registrationSource,
      },
      createdAt: date(row.createdAt),
      attendance: row.attendance,
      answers: storedAnswers(row.answers),
    })),
    totalCount,
  };
}
