import { tenantAdminProcedure } from '../../../trpc/init.ts';
import { inviteTeacherInput, inviteTeacherOutput } from './invite-teacher.schema.ts';

export const inviteTeacher = tenantAdminProcedure
  .input(inviteTeacherInput)
  .output(inviteTeacherOutput)
  .mutation(({ ctx, input }) =>
    ctx.container.tenants.inviteTeacher({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      actorName: ctx.viewer.name,
      ...input,
    }),
  );
