import { adminQuery } from '../../../trpc/procedures.ts';
import { listApiKeys as listApiKeysUseCase } from '../list-api-keys.ts';
import { listApiKeysOutput } from './list-api-keys.schema.ts';

export const listApiKeys = adminQuery({
  output: listApiKeysOutput,
  apiKeys: false,
  resolve: ({ ctx }) => listApiKeysUseCase({ db: ctx.container.db }, { tenantId: ctx.tenant.id }),
});
