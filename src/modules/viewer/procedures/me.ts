import { authedQuery } from '../../../trpc/procedures.ts';
import { meOutput } from './me.schema.ts';

export const me = authedQuery({
  output: meOutput,
  // A script's "who am I": the key's tenant (as ADMIN), the key, and the user it acts for.
  apiKeys: true,
  resolve: ({ ctx }) => ({
    id: ctx.viewer.userId,
    email: ctx.viewer.email,
    name: ctx.viewer.name,
    timeZone: ctx.viewer.timeZone,
    language: ctx.viewer.language ?? 'en',
    activeTenantId: ctx.viewer.activeTenantId,
    memberships: ctx.viewer.memberships,
    ...(ctx.viewer.immersioStudent ? { immersioStudentId: ctx.viewer.immersioStudent.studentId } : {}),
    ...(ctx.viewer.apiKey ? { apiKey: ctx.viewer.apiKey } : {}),
  }),
});
