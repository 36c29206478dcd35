import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

// resendInvite and revokeInvite: both name one invitation of the active school.

export const inviteActionInput = z.object({ inviteId: dbId() });

export const resendInviteOutput = z.object({
  success: z.boolean(),
  inviteId: z.number(),
  /** The new link; the one sent before stops working. */
  inviteLink: z.string(),
  expiresAt: z.date(),
});

export const revokeInviteOutput = z.object({ success: z.boolean() });
