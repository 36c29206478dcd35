import { adminMutation } from '../../../trpc/procedures.ts';
import { inviteTeacherInput, inviteTeacherOutput } from './invite-teacher.schema.ts';

export const inviteTeacher = adminMutation({
  input: inviteTeacherInput,
  output: inviteTeacherOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.tenants.inviteTeacher({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      actorName: ctx.viewer.name,
      ...input,
    }),
});
