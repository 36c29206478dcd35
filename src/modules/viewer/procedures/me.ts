import { authedQuery } from '../../../trpc/procedures.ts';
import { meOutput } from './me.schema.ts';

export const me = authedQuery({
  output: meOutput,
  resolve: ({ ctx }) => ({
    id: ctx.viewer.userId,
    email: ctx.viewer.email,
    name: ctx.viewer.name,
    timeZone: ctx.viewer.timeZone,
    activeTenantId: ctx.viewer.activeTenantId,
    memberships: ctx.viewer.memberships,
    ...(ctx.viewer.immersioStudent ? { immersioStudentId: ctx.viewer.immersioStudent.studentId } : {}),
  }),
});
