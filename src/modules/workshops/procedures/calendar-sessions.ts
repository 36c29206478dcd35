import { tenantQuery } from '../../../trpc/procedures.ts';
import { calendarSessions as calendarSessionsUseCase } from '../calendar-sessions.ts';
import { calendarSessionsInput, calendarSessionsOutput } from './calendar-sessions.schema.ts';

/** Beyond the spec: any member may ask; a MEMBER gets only the sessions they teach. */
export const calendarSessions = tenantQuery({
  input: calendarSessionsInput,
  output: calendarSessionsOutput,
  resolve: ({ ctx, input }) =>
    calendarSessionsUseCase(
      { db: ctx.container.db },
      { ...input, tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role },
    ),
});
