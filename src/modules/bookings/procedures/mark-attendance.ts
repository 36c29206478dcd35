import { tenantMutation } from '../../../trpc/procedures.ts';
import { markBookingAttendance } from '../mark-attendance.ts';
import { markAttendanceInput, markAttendanceOutput } from './mark-attendance.schema.ts';

// Issue 17: staff mark who came, from the session's start. Tenant admins, or the workshop's
// teacher (the use case checks which).

export const markAttendance = tenantMutation({
  input: markAttendanceInput,
  output: markAttendanceOutput,
  resolve: ({ ctx, input }) =>
    markBookingAttendance(
      { db: ctx.container.db, now: ctx.container.now, wakeOutbox: ctx.container.wakeOutbox },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role, ...input },
    ),
});
