import { tenantQuery } from '../../../trpc/procedures.ts';
import { listWorkshopsInput, listWorkshopsOutput } from './list-workshops.schema.ts';

export const listWorkshops = tenantQuery({
  input: listWorkshopsInput,
  output: listWorkshopsOutput,
  resolve: ({ ctx, input }) => ctx.container.workshops.list({ tenantId: ctx.tenant.id, ...input }),
});
