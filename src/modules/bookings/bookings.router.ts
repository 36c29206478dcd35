import { router } from '../../trpc/init.ts';
import { cancelBooking } from './procedures/cancel-booking.ts';
import { cancelSession } from './procedures/cancel-session.ts';
import { listBookings } from './procedures/list-bookings.ts';
import { markAttendance } from './procedures/mark-attendance.ts';
import { markSessionAttendance } from './procedures/mark-session-attendance.ts';
import { previewSessionCancellation } from './procedures/preview-session-cancellation.ts';
import { refundBooking } from './procedures/refund-booking.ts';
import { sessionRoster } from './procedures/session-roster.ts';

export const bookingRouter = router({
  cancel: cancelBooking,
  cancelSession,
  refund: refundBooking,
  list: listBookings,
  sessionRoster,
  previewSessionCancellation,
  markAttendance,
  markSessionAttendance,
});
