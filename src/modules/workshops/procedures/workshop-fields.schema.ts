import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { bookingQuestions } from './workshop-questions.schema.ts';

// The fields a workshop is described by, shared by create (with defaults) and update (all
// optional, no defaults, so an omitted field is left alone).

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

export const locationInput = z
  .object({
    type: z.enum(['zoom', 'google_meet', 'in_person', 'link']),
    link: webUrl.optional(),
    address: z.string().trim().min(3).max(500).optional(),
  })
  .superRefine((location, ctx) => {
    if (location.type === 'in_person' && !location.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'is required for in_person locations' });
    }
    if (location.type !== 'in_person' && !location.link) {
      ctx.addIssue({ code: 'custom', path: ['link'], message: `is required for ${location.type} locations` });
    }
  });

export const recurrenceInput = z.object({
  frequency: z.enum(['weekly', 'biweekly', 'monthly', 'none']),
  count: z.number().int().min(1).max(104).optional(),
  endDate: z.date().optional(),
});

const hours = z
  .number()
  .int()
  .min(0)
  .max(24 * 365);

export const workshopFields = {
  title: z.string().trim().min(3).max(100),
  description: z.string().max(2000),
  duration: z.number().int().min(15).max(480),
  price: z.number().int().min(0).max(100_000_000),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => CURRENCIES.has(c), 'must be an ISO 4217 currency code such as USD'),
  seats: z.number().int().min(1).max(100),
  locations: z.array(locationInput).min(1).max(10),
  recurrence: recurrenceInput,
  teacherId: dbId(),
  whitelistEnabled: z.boolean(),
  whitelistEmails: z.array(z.string().trim().pipe(z.email())).max(5000),
  immersioCourseId: z.string().trim().min(1).max(200),
  syncStudentsFromImmersio: z.boolean(),
  refundWindowHours: hours,
  cancellationNoticeHours: hours,
  topicCategory: z.string().trim().max(100),
  workshopType: z.enum(['live_class', 'workshop', 'tutoring']),
  // Beyond the spec: the first session, and the zone it is planned in (default: the teacher's).
  startTime: z.date(),
  timeZone: z.string().min(1).max(64),
  scheduleId: dbId(),
  ...slotSettingFields(),
  ...classSettingFields(),
  /** What the booking form asks (issue 17; see workshop-questions.schema.ts). */
  questions: bookingQuestions,
  /** Minutes before each session attendees are reminded (issue 17): at most 3, distinct; [] = none. */
  reminderMinutesBefore: z
    .array(z.number().int().min(5).max(10_080))
    .max(3)
    .refine((offsets) => new Set(offsets).size === offsets.length, 'must not repeat an offset'),
  /**
   * The school's own text in confirmations and reminders (issue 17; needs the plan's
   * customEmails). Trimmed; an empty text means none (null). The database checks the length too.
   */
  emailMessage: z
    .string()
    .trim()
    .max(2000)
    .transform((text) => (text === '' ? null : text)),
};

/**
 * How a class fills (issue 16, beyond the spec; see docs/decisions.md "Waitlists and course
 * enrolment"): the bounds are the database's checks (migration 0019).
 */
function classSettingFields() {
  return {
    /** A full session offers a waitlist. */
    waitlistEnabled: z.boolean(),
    /** Minutes a freed seat is held for the first waiting student. */
    waitlistOfferMinutes: z.number().int().min(5).max(10_080),
    /** One session at a time, only the whole course, or both. */
    enrolment: z.enum(['session', 'course', 'both']),
    /** The whole course's price in cents; null = the sum of its sessions. */
    coursePrice: z.number().int().min(0).max(100_000_000),
  };
}

/**
 * A slot-booked workshop's settings (beyond the spec; see docs/decisions.md "Slot booking"): the
 * bounds are the database's checks on the workshops table (migration 0012).
 */
function slotSettingFields() {
  return {
    /** Minutes between slot starts; null = the duration. */
    slotIntervalMinutes: z.number().int().min(5).max(480),
    bufferBeforeMinutes: z.number().int().min(0).max(480),
    bufferAfterMinutes: z.number().int().min(0).max(480),
    /** How long before a slot it can still be booked. */
    minimumNoticeMinutes: z.number().int().min(0).max(525_600),
    /** How far ahead slots are offered. */
    bookingHorizonDays: z.number().int().min(1).max(730),
    /** The teacher's booked sessions per day (in the schedule's zone) at most; null = no limit. */
    maxBookingsPerDay: z.number().int().min(1).max(100),
  };
}
