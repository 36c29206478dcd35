import { router } from '../../trpc/init.ts';
import { createApiKey } from './procedures/create-api-key.ts';
import { listApiKeys } from './procedures/list-api-keys.ts';
import { revokeApiKey } from './procedures/revoke-api-key.ts';

/** `immersio.apiKey.*`: a school's keys for server-to-server calls, managed by its OWNER/ADMIN. */
export const apiKeyRouter = router({ create: createApiKey, list: listApiKeys, revoke: revokeApiKey });
