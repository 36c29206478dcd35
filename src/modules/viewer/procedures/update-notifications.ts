import { tenantMutation } from '../../../trpc/procedures.ts';
import { updateNotifications as updateNotificationsUseCase } from '../account-notifications.ts';
import { notificationsOutput, updateNotificationsInput } from './notifications.schema.ts';

export const updateNotifications = tenantMutation({
  input: updateNotificationsInput,
  output: notificationsOutput,
  // A person's own setting: an API key acts for no one in particular.
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    updateNotificationsUseCase(
      { db: ctx.container.db },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, dailyDigest: input.dailyDigest },
    ),
});
