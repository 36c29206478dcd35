import { adminQuery } from '../../../trpc/procedures.ts';
import { webhookAdmin } from '../webhook-admin.service.ts';
import { webhookSecretOutput } from './webhook-secret.schema.ts';

export const getWebhookSecret = adminQuery({
  output: webhookSecretOutput,
  resolve: ({ ctx }) => webhookAdmin(ctx.container).getWebhookSecret({ tenantId: ctx.tenant.id }),
});
