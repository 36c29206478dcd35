import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import * as repo from './sso.repo.ts';
import { createState, RETURN_PATH, redirectRefused, resolveRedirectUrl } from './sso-state.ts';
import type { SsoTokenVerifier } from './sso-token-verifier.ts';

export interface SsoStartDeps {
  db: Database;
  env: Pick<
    Env,
    'IMMERSIO_SSO_AUTHORIZE_URL' | 'IMMERSIO_SSO_AUDIENCE' | 'PUBLIC_BASE_URL' | 'BOOKING_DOMAIN'
  > & {
    APP_SECRET: string;
  };
  logger: Logger;
  now: () => Date;
  verifier: Pick<SsoTokenVerifier, 'configured'>;
}

/**
 * `GET /api/v1/oauth/immersio/start`: where to send the browser, and the nonce to keep in its
 * cookie. A tenant without a live integration (or a service without SSO) is 400
 * IMMERSIO_NOT_CONNECTED; an unknown tenant 404.
 */
export function createSsoStart(deps: SsoStartDeps) {
  const { logger } = deps;
  const cookieSecure = deps.env.PUBLIC_BASE_URL.startsWith('https://');

  /**
   * Where Immersio sends the browser back: the school's own booking host when the sign-in started
   * there (so the state cookie and then the session cookie belong to that host, where its pages
   * are), otherwise PUBLIC_BASE_URL.
   */
  function returnOrigin(tenantSlug: string, requestHost: string | undefined): string {
    const domain = deps.env.BOOKING_DOMAIN?.toLowerCase();
    if (!domain || !requestHost) return deps.env.PUBLIC_BASE_URL;
    let host = requestHost.toLowerCase();
    if (!domain.includes(':')) host = host.replace(/:\d+$/, '');
    const bookingHost = `${tenantSlug}.${domain}`;
    return host === bookingHost ? `https://${bookingHost}` : deps.env.PUBLIC_BASE_URL;
  }

  return async function start(input: {
    tenantSlug: string;
    redirectUrl?: string | undefined;
    /** The Host the start request came to: the school's booking host keeps the round trip there. */
    requestHost?: string | undefined;
  }) {
    const authorizeUrl = deps.env.IMMERSIO_SSO_AUTHORIZE_URL;
    if (!deps.verifier.configured || !authorizeUrl) {
      logger.warn('Immersio SSO start refused: SSO (or IMMERSIO_SSO_AUTHORIZE_URL) is not configured');
      throw new AppError('IMMERSIO_NOT_CONNECTED', 'Sign-in with Immersio is not configured');
    }
    const tenant = await repo.findTenantWithOrgBySlug(deps.db, input.tenantSlug);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    if (!tenant.orgId)
      throw new AppError('IMMERSIO_NOT_CONNECTED', 'This school is not connected to Immersio');
    const redirectUrl = resolveRedirectUrl(
      deps.env,
      tenant.slug,
      input.redirectUrl ?? tenantPublicUrl(deps.env, tenant.slug),
    );
    if (!redirectUrl) throw redirectRefused();
    const { state, nonce, expiresAt } = createState(
      deps.env.APP_SECRET,
      { tenantId: tenant.tenantId, redirectUrl },
      deps.now(),
    );
    const location = new URL(authorizeUrl);
    location.searchParams.set('client_id', deps.env.IMMERSIO_SSO_AUDIENCE!);
    location.searchParams.set(
      'redirect_uri',
      `${returnOrigin(tenant.slug, input.requestHost)}${RETURN_PATH}`,
    );
    location.searchParams.set('state', state);
    location.searchParams.set('tenant', tenant.orgId);
    return { location: location.href, nonce, expiresAt, cookieSecure };
  };
}
