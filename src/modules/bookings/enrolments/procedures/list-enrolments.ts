import { tenantQuery } from '../../../../trpc/procedures.ts';
import { listEnrolments as listEnrolmentsUseCase } from '../list-enrolments.ts';
import { listEnrolmentsInput, listEnrolmentsOutput } from './list-enrolments.schema.ts';

/** Beyond the spec: a workshop's whole-course enrolments, for its teacher and the school's admins. */
export const listEnrolments = tenantQuery({
  input: listEnrolmentsInput,
  output: listEnrolmentsOutput,
  resolve: ({ ctx, input }) =>
    listEnrolmentsUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, userId: ctx.viewer.userId, role: ctx.tenant.role },
      input,
    ),
});
