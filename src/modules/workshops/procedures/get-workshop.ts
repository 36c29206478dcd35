import { tenantQuery } from '../../../trpc/procedures.ts';
import { getWorkshopInput, getWorkshopOutput } from './get-workshop.schema.ts';

export const getWorkshop = tenantQuery({
  input: getWorkshopInput,
  output: getWorkshopOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.workshops.get({ tenantId: ctx.tenant.id, workshopId: input.workshopId }),
});
