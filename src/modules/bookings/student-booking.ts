import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { findBookingByUid } from './bookings.repo.ts';
import { isManageToken } from './manage-token.ts';

/** The booking a manage link points at, whatever its tenant: the link carries only uid and token. */
export async function loadStudentBooking(
  deps: { db: Executor; env: { APP_SECRET: string } },
  uid: string,
  token: string,
) {
  const booking = await findBookingByUid(deps.db, uid);
  // A wrong token looks exactly like a missing booking.
  if (!booking || !isManageToken(deps.env.APP_SECRET, uid, token)) throw new AppError('BOOKING_NOT_FOUND');
  return booking;
}
