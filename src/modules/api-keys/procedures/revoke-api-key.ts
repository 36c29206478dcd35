import { adminMutation } from '../../../trpc/procedures.ts';
import { revokeApiKey as revokeApiKeyUseCase } from '../revoke-api-key.ts';
import { revokeApiKeyInput, revokeApiKeyOutput } from './revoke-api-key.schema.ts';

export const revokeApiKey = adminMutation({
  input: revokeApiKeyInput,
  output: revokeApiKeyOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    revokeApiKeyUseCase(
      { db: ctx.container.db, bus: ctx.container.bus, now: ctx.container.now },
      { tenantId: ctx.tenant.id, id: input.id },
    ),
});
