import { z } from 'zod';

export const getStatsInput = z.object({
  period: z.enum(['week', 'month', 'year']),
  startDate: z.date().optional(),
  endDate: z.date().optional(),
});

export const getStatsOutput = z.object({
  totalBookings: z.number(),
  completedBookings: z.number(),
  cancelledBookings: z.number(),
  totalRevenue: z.number(),
  averageBookingValue: z.number(),
  teacherCount: z.number(),
  workshopCount: z.number(),
  studentCount: z.number(),
  topWorkshops: z.array(
    z.object({ id: z.number(), title: z.string(), bookingCount: z.number(), revenue: z.number() }),
  ),
  /** Beyond the spec (issue 16): students waiting now on the waitlists of sessions yet to start. */
  waitingStudents: z.number(),
  /**
   * Beyond the spec (issue 17): attended ÷ marked among the range's confirmed bookings that staff
   * marked attended or no-show, 0 to 1; null when none was marked.
   */
  attendanceRate: z.number().nullable(),
});
