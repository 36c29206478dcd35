import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { bookingQuestions } from './workshop-questions.schema.ts';

export const getWorkshopInput = z.object({ workshopId: dbId() });

export const getWorkshopOutput = z.object({
  id: z.number(),
  eventTypeId: z.number(),
  title: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  duration: z.number(),
  price: z.number(),
  currency: z.string(),
  seats: z.number(),
  locations: z.array(
    z.object({ type: z.string(), link: z.string().optional(), address: z.string().optional() }),
  ),
  teacher: z.object({ id: z.number(), name: z.string(), avatarUrl: z.string().nullable() }),
  status: z.enum(['active', 'draft', 'archived']),
  workshopType: z.enum(['live_class', 'workshop', 'tutoring']),
  topicCategory: z.string().nullable(),
  whitelistEnabled: z.boolean(),
  whitelistCount: z.number(),
  immersioCourseId: z.string().nullable(),
  syncStudentsFromImmersio: z.boolean(),
  refundWindowHours: z.number(),
  cancellationNoticeHours: z.number(),
  recurrence: z
    .object({ frequency: z.string(), count: z.number().optional(), endDate: z.string().optional() })
    .nullable(),
  bookingUrl: z.string(),
  // Beyond the spec: how the workshop is booked, and its slot settings (see update).
  bookingMode: z.enum(['fixed', 'slots']),
  scheduleId: z.number().nullable(),
  slotIntervalMinutes: z.number().nullable(),
  bufferBeforeMinutes: z.number(),
  bufferAfterMinutes: z.number(),
  minimumNoticeMinutes: z.number(),
  bookingHorizonDays: z.number(),
  maxBookingsPerDay: z.number().nullable(),
  // Beyond the spec: how the class fills (issue 16).
  waitlistEnabled: z.boolean(),
  waitlistOfferMinutes: z.number(),
  enrolment: z.enum(['session', 'course', 'both']),
  coursePrice: z.number().nullable(),
  // Beyond the spec: what the booking form asks (issue 17).
  questions: bookingQuestions,
  reminderMinutesBefore: z.array(z.number().int()),
  /** Kept even when the plan no longer has customEmails (then it is not sent). */
  emailMessage: z.string().nullable(),
  /** Beyond the spec (issue 18): the language the class is taught in (BCP 47), or null. */
  teachingLanguage: z.string().nullable(),
  sessions: z.array(
    z.object({
      id: z.number(),
      startTime: z.date(),
      endTime: z.date(),
      timeZone: z.string(),
      seats: z.number(),
      bookedSeats: z.number(),
      status: z.string(),
    }),
  ),
  createdAt: z.date(),
  updatedAt: z.date(),
});
