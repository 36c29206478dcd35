import { tenantQuery } from '../../../../trpc/procedures.ts';
import { getFeedUrl as getFeedUrlUseCase } from '../get-feed-url.ts';
import { feedUrlInput, feedUrlOutput } from './feed-url.schema.ts';

/** Any member: their own classes; admins may ask for the school's (issue 20). */
export const getFeedUrl = tenantQuery({
  input: feedUrlInput,
  output: feedUrlOutput,
  resolve: ({ ctx, input }) =>
    getFeedUrlUseCase(
      { db: ctx.container.db, env: ctx.container.env },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role, scope: input.scope },
    ),
});
