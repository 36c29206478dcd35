import { z } from 'zod';

// What the public booking API answers (docs/bookings.md "Bookings and payments"), for the OpenAPI document
// and its drift test. Objects are loose: listed fields are required, later additions allowed.

export const bookingSummary = z.looseObject({
  uid: z.string(),
  status: z.string(),
  title: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  paid: z.boolean(),
});

export const createdBookingResponse = z.looseObject({
  booking: bookingSummary,
  payment: z.looseObject({ checkoutUrl: z.string() }).nullable(),
  manageUrl: z.string(),
});

export const studentBookingResponse = z.looseObject({
  booking: bookingSummary.extend({
    attendee: z.looseObject({ name: z.string(), email: z.string(), timeZone: z.string() }),
    cancelledAt: z.string().nullable(),
  }),
  tenant: z.looseObject({ name: z.string(), slug: z.string() }),
  workshop: z.looseObject({ title: z.string(), slug: z.string(), duration: z.number() }),
  payment: z.looseObject({}).nullable(),
  cancellation: z.looseObject({ allowed: z.boolean(), refundEligible: z.boolean() }),
});

export const cancelledBookingResponse = z.looseObject({
  booking: z.looseObject({ uid: z.string(), status: z.literal('cancelled'), cancelledAt: z.string() }),
  refund: z
    .looseObject({
      eligible: z.boolean(),
      status: z.string(),
      amount: z.number(),
      currency: z.string(),
    })
    .nullable(),
});
