import { z } from 'zod';
import { isoDate, timeZoneSchema } from '../availability/schedule-shape.schema.ts';

// Spec section 2.1, field for field. Nothing here may carry an email, a whitelist, a meeting
// link or an address: these answers are public.

export const publicLandingParams = z.object({ slug: z.string().min(1).max(100) });

export const publicWorkshopParams = z.object({ slug: z.string().min(1).max(100) });
export const publicWorkshopQuery = z.object({
  tenantSlug: z.string({ error: 'is required' }).min(1, 'is required').max(100),
});

/** What both answers say about a workshop on offer. */
const offer = {
  id: z.number(),
  title: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  duration: z.number(),
  price: z.number(),
  currency: z.string(),
};

export const publicLanding = z.strictObject({
  tenant: z.strictObject({ name: z.string(), logoUrl: z.string().nullable() }),
  settings: z.strictObject({
    templateId: z.string(),
    primaryColor: z.string(),
    secondaryColor: z.string().nullable(),
    heroImageUrl: z.string().nullable(),
    pageTitle: z.string(),
    pageSubtitle: z.string().nullable(),
    teacherBio: z.string().nullable(),
    teacherAvatarUrl: z.string().nullable(),
    socialLinks: z.record(z.string(), z.string()),
    ctaText: z.string(),
    metaTitle: z.string().nullable(),
    metaDescription: z.string().nullable(),
  }),
  workshops: z.array(
    z.strictObject({
      ...offer,
      availableSeats: z.number(),
      teacher: z.strictObject({ name: z.string(), avatarUrl: z.string().nullable() }),
      nextOccurrence: z.string().nullable(),
      bookingUrl: z.string(),
      /** Beyond the spec: 'slots' when booked on the teacher's free times (issue 14). */
      bookingMode: z.enum(['fixed', 'slots']),
    }),
  ),
});

export const publicWorkshop = z.strictObject({
  ...offer,
  totalSeats: z.number(),
  availableSeats: z.number(),
  locations: z.array(z.strictObject({ type: z.string(), displayValue: z.string() })),
  teacher: z.strictObject({ name: z.string(), bio: z.string().nullable(), avatarUrl: z.string().nullable() }),
  schedule: z.array(
    z.strictObject({
      date: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      availableSeats: z.number(),
    }),
  ),
  bookingUrl: z.string(),
  requiresPayment: z.boolean(),
  whitelistEnabled: z.boolean(),
  /** Beyond the spec: 'slots' when `schedule` lists the next free slots (issue 14). */
  bookingMode: z.enum(['fixed', 'slots']),
  /**
   * Beyond the spec (issue 16): a full session (availableSeats 0) can be joined on its waitlist,
   * POST /api/v1/public/waitlist. Never for a slot-booked workshop.
   */
  waitlistEnabled: z.boolean(),
  /** Beyond the spec (issue 18): the language the class is taught in (BCP 47), when the school says. */
  teachingLanguage: z.string().optional(),
});

/** Beyond the spec's 2.1 (issue 14): a workshop's bookable times over the visitor's dates. */
export const publicSlotsQuery = publicWorkshopQuery.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  timeZone: timeZoneSchema.optional(),
});

export const publicSlots = z.strictObject({
  timeZone: z.string(),
  days: z.array(
    z.strictObject({
      date: z.string(),
      slots: z.array(
        z.strictObject({ startTime: z.string(), endTime: z.string(), availableSeats: z.number() }),
      ),
    }),
  ),
});

export type PublicSlots = z.infer<typeof publicSlots>;
export type PublicLanding = z.infer<typeof publicLanding>;
export type PublicWorkshop = z.infer<typeof publicWorkshop>;
