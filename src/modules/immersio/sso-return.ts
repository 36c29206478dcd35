import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SignInWithImmersio } from './sign-in-with-immersio.ts';
import * as repo from './sso.repo.ts';
import { readState, resolveRedirectUrl } from './sso-state.ts';
import { refused, type SsoTokenVerifier } from './sso-token-verifier.ts';

export interface SsoReturnDeps {
  db: Database;
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'BOOKING_DOMAIN'> & { APP_SECRET: string };
  logger: Logger;
  now: () => Date;
  verifier: Pick<SsoTokenVerifier, 'configured'>;
  signIn: SignInWithImmersio;
}

/**
 * `GET /api/v1/oauth/immersio/return`: the state must be ours, unexpired, unused and the one
 * this browser started (its nonce cookie); then the token is treated like the callback's.
 */
export function createSsoReturn(deps: SsoReturnDeps) {
  const { logger } = deps;
  const cookieSecure = deps.env.PUBLIC_BASE_URL.startsWith('https://');

  return async function complete(input: {
    token: string | undefined;
    state: string | undefined;
    nonceCookie: string | undefined;
    client: { ip?: string; userAgent?: string };
  }) {
    if (!deps.verifier.configured) {
      logger.warn('Immersio SSO is not configured: return refused');
      throw new AppError('INVALID_TOKEN');
    }
    if (!input.state || !input.token) throw refused(logger, 'return without token or state');
    const now = deps.now();
    const read = readState(deps.env.APP_SECRET, input.state, now);
    if (!read.ok) throw refused(logger, read.reason);
    const { state } = read;
    if (!input.nonceCookie || input.nonceCookie !== state.nonce) {
      throw refused(logger, 'state was not started by this browser (nonce cookie missing or different)');
    }
    if (!(await repo.markUsedOnce(deps.db, `state:${state.nonce}`, state.expiresAt))) {
      throw refused(logger, 'state already used (replay)');
    }
    const slug = await repo.findTenantSlug(deps.db, state.tenantId);
    const redirectUrl = slug ? resolveRedirectUrl(deps.env, slug, state.redirectUrl) : null;
    if (!redirectUrl) throw refused(logger, 'state redirect no longer allowed for its tenant');
    const result = await deps.signIn({
      token: input.token,
      expectTenantId: state.tenantId,
      client: input.client,
    });
    return { ...result, redirectUrl, cookieSecure };
  };
}
