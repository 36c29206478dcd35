import { tenantMutation } from '../../../trpc/procedures.ts';
import { markSessionAttendance as markSessionAttendanceUseCase } from '../mark-session-attendance.ts';
import { markSessionAttendanceInput, markSessionAttendanceOutput } from './mark-session-attendance.schema.ts';

/** Issue 17: a session's attendance at once ("mark the rest attended"), for its teacher or an admin. */
export const markSessionAttendance = tenantMutation({
  input: markSessionAttendanceInput,
  output: markSessionAttendanceOutput,
  resolve: ({ ctx, input }) =>
    markSessionAttendanceUseCase(
      { db: ctx.container.db, now: ctx.container.now, wakeOutbox: ctx.container.wakeOutbox },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role, ...input },
    ),
});
