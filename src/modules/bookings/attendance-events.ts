import { z } from 'zod';
import { webhookEventSchema } from '../outbox/webhook-event.ts';
import { isEnrolmentUid } from './enrolments/enrolment-link.ts';

// ATTENDANCE_MARKED: ours, not the spec's (docs/webhooks.md). Staff marked whether the student
// came to a class, so Immersio can count it toward the course's progress. Built like the spec's
// booking events and checked against its schema before it is written to the outbox in the
// transaction that records the mark.

export const ATTENDANCE_VALUES = ['attended', 'no_show'] as const;

export type Attendance = (typeof ATTENDANCE_VALUES)[number];

const id = z.number().int().positive();
const instant = z.iso.datetime();

export const attendanceMarkedEventSchema = webhookEventSchema(
  'ATTENDANCE_MARKED',
  z.object({
    booking: z.object({
      id,
      uid: z.string(),
      workshopId: id,
      eventTypeId: id,
      sessionId: id.nullable(),
      startTime: instant,
      endTime: instant,
      attendance: z.enum(ATTENDANCE_VALUES),
      markedAt: instant,
      markedBy: z.enum(['teacher', 'admin']),
      attendee: z.object({ email: z.string(), name: z.string(), timeZone: z.string() }),
      metadata: z.object({
        immersioCourseId: z.string().optional(),
        immersioStudentId: z.string().optional(),
        enrolmentUid: z.string().optional(),
      }),
    }),
    tenant: z.object({ id, slug: z.string(), immersioOrgId: z.string().nullable() }),
  }),
);

export type AttendanceMarkedEvent = z.output<typeof attendanceMarkedEventSchema>;

/** A booking as its mark's statement returns it, with what the event says of its workshop. */
export interface MarkedBooking {
  id: number;
  uid: string;
  workshopId: number;
  eventTypeId: number;
  immersioCourseId: string | null;
  sessionId: number | null;
  startTime: Date;
  endTime: Date;
  attendance: Attendance;
  attendanceMarkedAt: Date;
  attendeeEmail: string;
  attendeeName: string;
  attendeeTimeZone: string;
  immersioStudentId: string | null;
  seriesUid: string | null;
}

export function attendanceMarkedEvent(input: {
  tenant: { id: number; slug: string; immersioOrgId: string | null };
  booking: MarkedBooking;
  markedBy: 'teacher' | 'admin';
}): AttendanceMarkedEvent {
  const { booking: b } = input;
  return attendanceMarkedEventSchema.parse({
    event: 'ATTENDANCE_MARKED',
    timestamp: b.attendanceMarkedAt.toISOString(),
    data: {
      booking: {
        id: b.id,
        uid: b.uid,
        workshopId: b.workshopId,
        eventTypeId: b.eventTypeId,
        sessionId: b.sessionId,
        startTime: b.startTime.toISOString(),
        endTime: b.endTime.toISOString(),
        attendance: b.attendance,
        markedAt: b.attendanceMarkedAt.toISOString(),
        markedBy: input.markedBy,
        attendee: { email: b.attendeeEmail, name: b.attendeeName, timeZone: b.attendeeTimeZone },
        metadata: {
          ...(b.immersioCourseId !== null && { immersioCourseId: b.immersioCourseId }),
          ...(b.immersioStudentId !== null && { immersioStudentId: b.immersioStudentId }),
          ...(isEnrolmentUid(b.seriesUid) && { enrolmentUid: b.seriesUid }),
        },
      },
      tenant: { id: input.tenant.id, slug: input.tenant.slug, immersioOrgId: input.tenant.immersioOrgId },
    },
  });
}
