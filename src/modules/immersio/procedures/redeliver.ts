import { adminMutation } from '../../../trpc/procedures.ts';
import { redeliverInput, redeliverOutput } from './redeliver.schema.ts';

export const redeliver = adminMutation({
  input: redeliverInput,
  output: redeliverOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.webhookAdmin.redeliver({ tenantId: ctx.tenant.id, messageId: input.messageId }),
});
