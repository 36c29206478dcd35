import { tenantMutation } from '../../../../trpc/procedures.ts';
import { resetFeedUrl as resetFeedUrlUseCase } from '../reset-feed-url.ts';
import { feedUrlInput, feedUrlOutput } from './feed-url.schema.ts';

/** Revokes the caller's feed URL and answers the new one. */
export const resetFeedUrl = tenantMutation({
  input: feedUrlInput,
  output: feedUrlOutput,
  resolve: ({ ctx, input }) =>
    resetFeedUrlUseCase(
      { db: ctx.container.db, env: ctx.container.env },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role, scope: input.scope },
    ),
});
