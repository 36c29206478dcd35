import { adminQuery } from '../../../../trpc/procedures.ts';
import { listRecentPaymentsInput, listRecentPaymentsOutput } from './list-recent-payments.schema.ts';

export const listRecentPayments = adminQuery({
  input: listRecentPaymentsInput,
  output: listRecentPaymentsOutput,
  resolve: ({ ctx, input }) => ctx.container.stripeConnect.listRecent({ tenantId: ctx.tenant.id, ...input }),
});
