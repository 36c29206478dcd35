import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

// The team screen's actions on one member of the active school.

export const memberInput = z.object({ userId: dbId() });

export const changeMemberRoleInput = z.object({
  userId: dbId(),
  /** OWNER is given only by transferOwnership. */
  role: z.enum(['ADMIN', 'MEMBER']),
});

export const changeMemberRoleOutput = z.object({
  success: z.boolean(),
  userId: z.number(),
  role: z.enum(['ADMIN', 'MEMBER']),
});

export const memberActionOutput = z.object({ success: z.boolean() });

export const memberClassesOutput = z.object({
  classes: z.array(
    z.object({
      workshopId: z.number(),
      title: z.string(),
      status: z.enum(['active', 'draft']),
      bookingMode: z.enum(['fixed', 'slots']),
      upcomingSessions: z.number(),
      /** Null for a workshop booked by slot with nothing booked yet. */
      nextSessionAt: z.date().nullable(),
    }),
  ),
});
