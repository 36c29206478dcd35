import { tenantMutation } from '../../../trpc/procedures.ts';
import { setCalendarFeed as setCalendarFeedUseCase } from '../calendar-feed.ts';
import { calendarFeedOutput, setCalendarFeedInput } from './calendar-feed.schema.ts';

export const setCalendarFeed = tenantMutation({
  input: setCalendarFeedInput,
  output: calendarFeedOutput,
  resolve: ({ ctx, input }) =>
    setCalendarFeedUseCase(
      { db: ctx.container.db, now: ctx.container.now, env: ctx.container.env },
      { ...input, tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role },
    ),
});
