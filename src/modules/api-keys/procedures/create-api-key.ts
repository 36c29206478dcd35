import { adminMutation } from '../../../trpc/procedures.ts';
import { createApiKey as createApiKeyUseCase } from '../create-api-key.ts';
import { createApiKeyInput, createApiKeyOutput } from './create-api-key.schema.ts';

/** OWNER/ADMIN only, and never with a key: a leaked key must not be able to mint more. */
export const createApiKey = adminMutation({
  input: createApiKeyInput,
  output: createApiKeyOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    createApiKeyUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, ...input },
    ),
});
