import { adminMutation } from '../../../trpc/procedures.ts';
import { webhookAdmin } from '../webhook-admin.service.ts';
import { redeliverInput, redeliverOutput } from './redeliver.schema.ts';

export const redeliver = adminMutation({
  input: redeliverInput,
  output: redeliverOutput,
  resolve: ({ ctx, input }) =>
    webhookAdmin(ctx.container).redeliver({ tenantId: ctx.tenant.id, messageId: input.messageId }),
});
