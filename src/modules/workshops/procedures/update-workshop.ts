import { adminMutation } from '../../../trpc/procedures.ts';
import { getWorkshopOutput } from './get-workshop.schema.ts';
import { updateWorkshopInput } from './update-workshop.schema.ts';

export const updateWorkshop = adminMutation({
  input: updateWorkshopInput,
  output: getWorkshopOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.workshops.update({ tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, input }),
});
