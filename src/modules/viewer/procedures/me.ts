import { authedProcedure } from '../../../trpc/init.ts';
import { meOutput } from './me.schema.ts';

export const me = authedProcedure.output(meOutput).query(({ ctx }) => ({
  id: ctx.viewer.userId,
  email: ctx.viewer.email,
  name: ctx.viewer.name,
  timeZone: ctx.viewer.timeZone,
  activeTenantId: ctx.viewer.activeTenantId,
  memberships: ctx.viewer.memberships,
}));
