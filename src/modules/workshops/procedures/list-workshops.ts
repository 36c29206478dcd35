import { tenantQuery } from '../../../trpc/procedures.ts';
import { listWorkshops as listWorkshopsUseCase } from '../list-workshops.ts';
import { listWorkshopsInput, listWorkshopsOutput } from './list-workshops.schema.ts';

export const listWorkshops = tenantQuery({
  input: listWorkshopsInput,
  output: listWorkshopsOutput,
  resolve: ({ ctx, input }) =>
    listWorkshopsUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, ...input },
    ),
});
