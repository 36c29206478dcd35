import { adminQuery } from '../../../trpc/procedures.ts';
import { webhookSecretOutput } from './webhook-secret.schema.ts';

export const getWebhookSecret = adminQuery({
  output: webhookSecretOutput,
  resolve: ({ ctx }) => ctx.container.webhookAdmin.getWebhookSecret({ tenantId: ctx.tenant.id }),
});
