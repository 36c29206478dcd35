import { adminMutation } from '../../../trpc/procedures.ts';
import { webhookAdmin } from '../webhook-admin.service.ts';
import { webhookSecretOutput } from './webhook-secret.schema.ts';

export const rotateWebhookSecret = adminMutation({
  output: webhookSecretOutput,
  resolve: ({ ctx }) => webhookAdmin(ctx.container).rotateWebhookSecret({ tenantId: ctx.tenant.id }),
});
