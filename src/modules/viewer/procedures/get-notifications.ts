import { tenantQuery } from '../../../trpc/procedures.ts';
import { getNotifications as getNotificationsUseCase } from '../account-notifications.ts';
import { notificationsOutput } from './notifications.schema.ts';

export const getNotifications = tenantQuery({
  output: notificationsOutput,
  // A person's own setting: an API key acts for no one in particular.
  apiKeys: false,
  resolve: ({ ctx }) =>
    getNotificationsUseCase(
      { db: ctx.container.db },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId },
    ),
});
