import { z } from 'zod';
import { dbId } from '../../../../lib/boundary.schema.ts';
import { ENROLMENT_STATUSES } from '../enrolment-status.ts';

export const listEnrolmentsInput = z.object({ workshopId: dbId() });

/** A whole-course enrolment as staff see it, with how its sessions stand. */
export const staffEnrolmentOutput = z.object({
  id: z.number(),
  uid: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  attendee: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
  immersioStudentId: z.string().nullable(),
  /** Sessions enrolled in, of the course's `courseSessions` when the student enrolled. */
  sessionCount: z.number().int(),
  courseSessions: z.number().int(),
  /** Its bookings by state; `upcoming`: confirmed and not started yet. */
  sessions: z.object({
    pending: z.number().int(),
    accepted: z.number().int(),
    cancelled: z.number().int(),
    upcoming: z.number().int(),
  }),
  firstStart: z.date().nullable(),
  lastStart: z.date().nullable(),
  /** What it cost (0: free), whether it was paid, and how much of it was refunded. */
  amount: z.number().int(),
  currency: z.string(),
  /** The course price it was pro-rated from; null: the sum of the sessions' prices. */
  coursePrice: z.number().int().nullable(),
  paid: z.boolean(),
  refunded: z.number().int(),
  createdAt: z.date(),
  cancellation: z
    .object({ cancelledAt: z.date(), cancelledBy: z.string().nullable(), reason: z.string().nullable() })
    .nullable(),
});

export type StaffEnrolment = z.output<typeof staffEnrolmentOutput>;

export const listEnrolmentsOutput = z.object({
  enrolments: z.array(staffEnrolmentOutput),
  /** More enrolments exist than the list shows (it holds the newest `ENROLMENT_LIST_LIMIT`). */
  truncated: z.boolean(),
});
