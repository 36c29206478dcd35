import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { attendanceValue, markedBookingOutput } from './mark-attendance.schema.ts';

export const markSessionAttendanceInput = z.object({
  sessionId: dbId(),
  attendance: attendanceValue,
  /** Only these bookings; without it, every confirmed booking of the session not marked yet. */
  bookingIds: z.array(dbId()).min(1).max(1000).optional(),
});

export const markSessionAttendanceOutput = z.object({
  marked: z.number().int(),
  bookings: z.array(markedBookingOutput),
});
