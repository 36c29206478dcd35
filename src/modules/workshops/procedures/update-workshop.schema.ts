import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { teachingLanguageField } from './teaching-language.schema.ts';
import { workshopFields as f } from './workshop-fields.schema.ts';

/**
 * Every create field, each optional: an omitted field is left alone, `null` clears a nullable
 * one. `startTime` (with `recurrence` and `timeZone`) replaces the upcoming schedule;
 * `whitelistEmails` replaces the whitelist. Beyond create: `status` and `slug`. With
 * `bookingMode: 'slots'`, `recurrence` alone sets the series a slot booking takes.
 */
export const updateWorkshopInput = z
  .object({
    workshopId: dbId(),
    title: f.title.optional(),
    slug: z
      .string()
      .max(60)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single dashes')
      .optional(),
    description: f.description.nullable().optional(),
    duration: f.duration.optional(),
    price: f.price.optional(),
    currency: f.currency.optional(),
    seats: f.seats.optional(),
    locations: f.locations.optional(),
    teacherId: f.teacherId.optional(),
    whitelistEnabled: f.whitelistEnabled.optional(),
    whitelistEmails: f.whitelistEmails.optional(),
    immersioCourseId: f.immersioCourseId.nullable().optional(),
    syncStudentsFromImmersio: f.syncStudentsFromImmersio.optional(),
    refundWindowHours: f.refundWindowHours.optional(),
    cancellationNoticeHours: f.cancellationNoticeHours.optional(),
    topicCategory: f.topicCategory.nullable().optional(),
    workshopType: f.workshopType.optional(),
    status: z.enum(['active', 'draft', 'archived']).optional(),
    startTime: f.startTime.optional(),
    recurrence: f.recurrence.optional(),
    timeZone: f.timeZone.optional(),
    /** 'slots' books by the teacher's availability; 'fixed' by the planned sessions. */
    bookingMode: z.enum(['fixed', 'slots']).optional(),
    scheduleId: f.scheduleId.nullable().optional(),
    slotIntervalMinutes: f.slotIntervalMinutes.nullable().optional(),
    bufferBeforeMinutes: f.bufferBeforeMinutes.optional(),
    bufferAfterMinutes: f.bufferAfterMinutes.optional(),
    minimumNoticeMinutes: f.minimumNoticeMinutes.optional(),
    bookingHorizonDays: f.bookingHorizonDays.optional(),
    maxBookingsPerDay: f.maxBookingsPerDay.nullable().optional(),
    waitlistEnabled: f.waitlistEnabled.optional(),
    waitlistOfferMinutes: f.waitlistOfferMinutes.optional(),
    enrolment: f.enrolment.optional(),
    coursePrice: f.coursePrice.nullable().optional(),
    questions: f.questions.optional(),
    reminderMinutesBefore: f.reminderMinutesBefore.optional(),
    emailMessage: f.emailMessage.nullable().optional(),
    // Beyond the spec (issue 18): the language the class is taught in; null: not said.
    teachingLanguage: teachingLanguageField.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    for (const key of ['recurrence', 'timeZone'] as const) {
      // A slot-booked workshop's recurrence is the series a booking takes: no schedule needed.
      if (key === 'recurrence' && input.bookingMode === 'slots') continue;
      if (input[key] !== undefined && input.startTime === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'needs startTime: it plans a new schedule' });
      }
    }
  });

export type UpdateWorkshopInput = z.output<typeof updateWorkshopInput>;
