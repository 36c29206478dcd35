import { adminMutation } from '../../../trpc/procedures.ts';
import { adjustPassCreditsInput, adjustPassCreditsOutput } from './adjust-pass-credits.schema.ts';

export const adjustPassCredits = adminMutation({
  input: adjustPassCreditsInput,
  output: adjustPassCreditsOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.passes.adjustCredits({ tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, ...input }),
});
