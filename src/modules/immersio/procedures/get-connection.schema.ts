import { z } from 'zod';

/** Beyond the spec: what the staff app's Immersio screen shows about the connection. */
export const getConnectionOutput = z.object({
  /** Null when the school has no live Immersio integration. */
  connection: z
    .object({
      immersioOrgId: z.string(),
      orgName: z.string().nullable(),
      webhookUrl: z.string().nullable(),
      connectedAt: z.date(),
      /** The start of the last successful course sync. */
      coursesSyncedAt: z.date().nullable(),
      /** Set when the receiver answered 410 Gone: nothing is sent until the URL is set again. */
      webhookDisabledAt: z.date().nullable(),
      webhookSecretRotatedAt: z.date().nullable(),
    })
    .nullable(),
});
