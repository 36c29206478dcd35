import { tenantQuery } from '../../../trpc/procedures.ts';
import { sessionRoster as sessionRosterUseCase } from '../session-roster.ts';
import { sessionRosterInput, sessionRosterOutput } from './session-roster.schema.ts';

/** Beyond the spec: one session's attendees, for its admins and its teacher. */
export const sessionRoster = tenantQuery({
  input: sessionRosterInput,
  output: sessionRosterOutput,
  resolve: ({ ctx, input }) =>
    sessionRosterUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, userId: ctx.viewer.userId, role: ctx.tenant.role },
      input,
    ),
});
