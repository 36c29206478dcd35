import { z } from 'zod';

// What the public enrolment API answers, for the OpenAPI document and its drift test. Loose:
// listed fields are required, later additions allowed.

const enrolment = z.looseObject({ uid: z.string(), status: z.string() });

export const createdEnrolmentResponse = z.looseObject({
  enrolment: enrolment.extend({ sessionCount: z.number(), amount: z.number(), currency: z.string() }),
  bookings: z.array(z.looseObject({ uid: z.string(), startTime: z.string(), status: z.string() })),
  payment: z.looseObject({ checkoutUrl: z.string() }).nullable(),
  manageUrl: z.string(),
});

/** GET answers the enrolment with its workshop and sessions; cancelling, what was cancelled. */
export const studentEnrolmentResponse = z.looseObject({
  enrolment,
  sessions: z.array(z.looseObject({ uid: z.string().optional(), status: z.string() })),
});
