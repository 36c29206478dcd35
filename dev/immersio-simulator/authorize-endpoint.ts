/**
 * `/oauth/authorize`: GET shows the sign-in page, POST (the form) redirects back to `redirect_uri`
 * with a signed token, or with `error=access_denied` on Cancel.
 */
import type http from 'node:http';
import type { Send, SendError } from './http-server.ts';
import type { OrgStore } from './org-store.ts';
import { readBody } from './read-body.ts';
import {
  type AuthorizeParams,
  chosenUser,
  escapeHtml,
  page,
  pageHeaders,
  signInPage,
} from './sign-in-page.ts';
import type { ImmersioSimulatorOptions } from './simulator.ts';
import type { SsoTokens } from './sso-tokens.ts';

export interface AuthorizeContext {
  audience: string;
  store: OrgStore;
  sso: SsoTokens;
  options: Pick<ImmersioSimulatorOptions, 'redirectUriPrefixes'>;
}

function authorizeParams(params: URLSearchParams, ctx: AuthorizeContext): AuthorizeParams | string {
  const { options } = ctx;
  const clientId = params.get('client_id') ?? '';
  if (clientId !== ctx.audience) return 'unknown client_id';
  const rawRedirect = params.get('redirect_uri') ?? '';
  let redirectUri: URL;
  try {
    redirectUri = new URL(rawRedirect);
  } catch {
    return 'redirect_uri must be an absolute URL';
  }
  if (redirectUri.protocol !== 'https:' && redirectUri.protocol !== 'http:')
    return 'redirect_uri must be http(s)';
  if (redirectUri.hash) return 'redirect_uri must not have a fragment';
  if (options.redirectUriPrefixes && !options.redirectUriPrefixes.some((p) => rawRedirect.startsWith(p)))
    return 'redirect_uri is not registered for this client';
  const state = params.get('state') ?? '';
  if (state === '' || state.length > 2048) return 'state is required (at most 2048 characters)';
  return {
    clientId,
    redirectUri,
    rawRedirectUri: rawRedirect,
    state,
    tenant: params.get('tenant') ?? '',
    orgFilter: params.get('org_id') ?? '',
  };
}

export async function handleAuthorize(
  req: http.IncomingMessage,
  method: string,
  url: URL,
  send: Send,
  sendError: SendError,
  ctx: AuthorizeContext,
) {
  const { store, sso } = ctx;
  if (method !== 'GET' && method !== 'POST') return sendError(405, 'METHOD_NOT_ALLOWED', 'GET or POST');
  const params = method === 'GET' ? url.searchParams : new URLSearchParams(await readBody(req));
  const parsed = authorizeParams(params, ctx);
  if (typeof parsed === 'string') {
    return send(
      400,
      page(
        'Sign-in request rejected',
        `<h1>Sign-in request rejected</h1><p class="error">${escapeHtml(parsed)}</p>`,
      ),
      pageHeaders(),
    );
  }
  if (method === 'GET')
    return send(
      200,
      signInPage(parsed, store.ssoUsers(), store.orgs),
      pageHeaders(parsed.redirectUri.origin),
    );
  const target = new URL(parsed.redirectUri);
  if (params.get('action') === 'deny') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('state', parsed.state);
    return send(303, '', { location: target.toString(), 'cache-control': 'no-store' });
  }
  const chosen = chosenUser(params.get('user'), store.ssoUsers());
  if (!chosen) {
    return send(
      400,
      page('Sign-in failed', `<h1>Sign-in failed</h1><p class="error">Pick a user.</p>`),
      pageHeaders(),
    );
  }
  const token = await sso.issueSsoToken({
    sub: chosen.sub,
    email: chosen.email,
    name: chosen.name,
    orgId: chosen.orgId,
    role: chosen.role,
    ...(chosen.studentId ? { studentId: chosen.studentId } : {}),
  });
  target.searchParams.set('token', token);
  target.searchParams.set('state', parsed.state);
  return send(303, '', { location: target.toString(), 'cache-control': 'no-store' });
}
