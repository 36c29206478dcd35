import { z } from 'zod';

// What the public waitlist API answers, for the OpenAPI document and its drift test. Loose:
// listed fields are required, later additions allowed.

export const waitlistEntryResponse = z.looseObject({
  entry: z.looseObject({ uid: z.string(), status: z.string(), position: z.number().nullable() }),
  /** On joining only. */
  manageUrl: z.string().optional(),
});
