import { tenantMutation } from '../../../../trpc/procedures.ts';
import { cancelEnrolmentInput, cancelEnrolmentOutput } from './cancel-enrolment.schema.ts';

/** Beyond the spec: tenant admins, or the workshop's teacher, cancel a whole enrolment. */
export const cancelEnrolment = tenantMutation({
  input: cancelEnrolmentInput,
  output: cancelEnrolmentOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.enrolments.cancelByStaff({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
