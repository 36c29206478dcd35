import { z } from 'zod';

// immersio.account.getNotifications / updateNotifications: the signed-in person's e-mail
// settings in the current school (issue 17).

export const notificationsOutput = z.object({
  /** The 07:00 e-mail (the teacher's zone) of the day's sessions and who booked them. */
  dailyDigest: z.boolean(),
});

export const updateNotificationsInput = z.object({ dailyDigest: z.boolean() });
