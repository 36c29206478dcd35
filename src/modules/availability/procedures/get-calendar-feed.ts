import { tenantQuery } from '../../../trpc/procedures.ts';
import { getCalendarFeed as getCalendarFeedUseCase } from '../calendar-feed.ts';
import { calendarFeedInput, calendarFeedOutput } from './calendar-feed.schema.ts';

export const getCalendarFeed = tenantQuery({
  input: calendarFeedInput,
  output: calendarFeedOutput,
  resolve: ({ ctx, input }) =>
    getCalendarFeedUseCase(
      { db: ctx.container.db },
      { ...input, tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role },
    ),
});
