import { router } from '../../trpc/init.ts';
import { cancelBooking } from './procedures/cancel-booking.ts';
import { cancelSession } from './procedures/cancel-session.ts';
import { refundBooking } from './procedures/refund-booking.ts';

export const bookingRouter = router({
  cancel: cancelBooking,
  cancelSession,
  refund: refundBooking,
});
