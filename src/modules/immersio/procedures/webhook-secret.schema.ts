import { z } from 'zod';

export const webhookSecretOutput = z.object({
  /** `whsec_…`: usable as is with the standardwebhooks libraries, and as the sha256= HMAC key. */
  secret: z.string(),
  rotatedAt: z.date().nullable(),
});
