import { adminMutation } from '../../../trpc/procedures.ts';
import { createWorkshopInput, createWorkshopOutput } from './create-workshop.schema.ts';

export const createWorkshop = adminMutation({
  input: createWorkshopInput,
  output: createWorkshopOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.workshops.create({ tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, input }),
});
