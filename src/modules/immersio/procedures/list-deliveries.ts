import { adminQuery } from '../../../trpc/procedures.ts';
import { listDeliveriesInput, listDeliveriesOutput } from './list-deliveries.schema.ts';

export const listDeliveries = adminQuery({
  input: listDeliveriesInput,
  output: listDeliveriesOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.webhookAdmin.listDeliveries({ tenantId: ctx.tenant.id, ...input }),
});
