import { adminQuery } from '../../../trpc/procedures.ts';
import { webhookAdmin } from '../webhook-admin.service.ts';
import { listDeliveriesInput, listDeliveriesOutput } from './list-deliveries.schema.ts';

export const listDeliveries = adminQuery({
  input: listDeliveriesInput,
  output: listDeliveriesOutput,
  resolve: ({ ctx, input }) =>
    webhookAdmin(ctx.container).listDeliveries({ tenantId: ctx.tenant.id, ...input }),
});
