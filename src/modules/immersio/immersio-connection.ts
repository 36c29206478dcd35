import type { Executor } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import { unseal } from '../../lib/sealed.ts';
import { createImmersioClient, type ImmersioClient } from './immersio-client.ts';
import * as repo from './integration.repo.ts';

export const API_KEY_PURPOSE = 'immersio-api-key';

export interface ConnectionDeps {
  db: Executor;
  env: Env & { APP_SECRET: string };
  /** Tests and the simulator may hand in their own fetch. */
  fetch?: typeof fetch;
}

/** A client for Immersio's API with this key; IMMERSIO_NOT_CONNECTED when the server has no API URL. */
export function immersioClientFor(
  deps: Pick<ConnectionDeps, 'env' | 'fetch'>,
  apiKey: string,
): ImmersioClient {
  if (!deps.env.IMMERSIO_API_URL) {
    throw new AppError('IMMERSIO_NOT_CONNECTED', 'IMMERSIO_API_URL is not configured on this server');
  }
  return createImmersioClient({
    baseUrl: deps.env.IMMERSIO_API_URL,
    apiKey,
    ...(deps.fetch && { fetch: deps.fetch }),
  });
}

/** The tenant's live integration and a client with its (unsealed) key; IMMERSIO_NOT_CONNECTED otherwise. */
export async function connectedClient(deps: ConnectionDeps, tenantId: number) {
  const integration = await repo.findLive(deps.db, tenantId);
  if (!integration?.apiKeySealed) throw new AppError('IMMERSIO_NOT_CONNECTED');
  return {
    integration,
    client: immersioClientFor(deps, unseal(deps.env.APP_SECRET, API_KEY_PURPOSE, integration.apiKeySealed)),
  };
}
