import { adminQuery } from '../../../trpc/procedures.ts';
import { memberClasses as memberClassesUseCase } from '../member-classes.ts';
import { memberClassesOutput, memberInput } from './member-action.schema.ts';

/** Beyond the spec: the classes a member still teaches (what must be reassigned before removal). */
export const memberClasses = adminQuery({
  input: memberInput,
  output: memberClassesOutput,
  resolve: ({ ctx, input }) =>
    memberClassesUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, ...input },
    ),
});
