import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

/** As attendance-events.ts's ATTENDANCE_VALUES (schema files stay free of server code: the app imports them). */
export const attendanceValue = z.enum(['attended', 'no_show']);

export const markAttendanceInput = z.object({
  bookingId: dbId(),
  attendance: attendanceValue,
});

export const markedBookingOutput = z.object({
  id: z.number(),
  uid: z.string(),
  attendance: attendanceValue,
  attendanceMarkedAt: z.date(),
});

export const markAttendanceOutput = z.object({ booking: markedBookingOutput });
