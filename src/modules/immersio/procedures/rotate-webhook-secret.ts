import { adminMutation } from '../../../trpc/procedures.ts';
import { webhookSecretOutput } from './webhook-secret.schema.ts';

export const rotateWebhookSecret = adminMutation({
  output: webhookSecretOutput,
  resolve: ({ ctx }) => ctx.container.webhookAdmin.rotateWebhookSecret({ tenantId: ctx.tenant.id }),
});
