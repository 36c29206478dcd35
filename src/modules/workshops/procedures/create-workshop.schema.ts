import { z } from 'zod';
import { teachingLanguageField } from './teaching-language.schema.ts';
import { workshopFields } from './workshop-fields.schema.ts';

const f = workshopFields;

export const createWorkshopInput = z.object({
  title: f.title,
  description: f.description.optional(),
  duration: f.duration,
  price: f.price,
  currency: f.currency.default('USD'),
  seats: f.seats,
  scheduleId: f.scheduleId.optional(),
  locations: f.locations,
  recurrence: f.recurrence.optional(),
  teacherId: f.teacherId,
  whitelistEnabled: f.whitelistEnabled.default(false),
  whitelistEmails: f.whitelistEmails.optional(),
  immersioCourseId: f.immersioCourseId.optional(),
  syncStudentsFromImmersio: f.syncStudentsFromImmersio.default(false),
  refundWindowHours: f.refundWindowHours.default(12),
  cancellationNoticeHours: f.cancellationNoticeHours.default(24),
  topicCategory: f.topicCategory.optional(),
  workshopType: f.workshopType.default('workshop'),
  startTime: f.startTime.optional(),
  timeZone: f.timeZone.optional(),
  // Without startTime the workshop is booked by slot: these shape its slots.
  slotIntervalMinutes: f.slotIntervalMinutes.optional(),
  bufferBeforeMinutes: f.bufferBeforeMinutes.default(0),
  bufferAfterMinutes: f.bufferAfterMinutes.default(0),
  minimumNoticeMinutes: f.minimumNoticeMinutes.default(120),
  bookingHorizonDays: f.bookingHorizonDays.default(60),
  maxBookingsPerDay: f.maxBookingsPerDay.optional(),
  waitlistEnabled: f.waitlistEnabled.default(true),
  waitlistOfferMinutes: f.waitlistOfferMinutes.default(120),
  enrolment: f.enrolment.default('both'),
  coursePrice: f.coursePrice.optional(),
  questions: f.questions.optional(),
  reminderMinutesBefore: f.reminderMinutesBefore.optional(),
  emailMessage: f.emailMessage.nullable().optional(),
  // Beyond the spec (issue 18): the language the class is taught in, a BCP 47 tag.
  teachingLanguage: teachingLanguageField.nullable().optional(),
});

export type CreateWorkshopInput = z.output<typeof createWorkshopInput>;

export const createWorkshopOutput = z.object({
  id: z.number(),
  eventTypeId: z.number(),
  slug: z.string(),
  bookingUrl: z.string(),
  createdAt: z.date(),
});
