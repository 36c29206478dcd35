import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { isCrossSiteCookieMutation } from '../../http/origin-check.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { AppError, isAppError } from '../../lib/errors.ts';
import { escapeHtml, PAGE_HEADERS, page } from '../../lib/html.ts';
import { COOKIE_PREFIX, SESSION_COOKIE } from '../auth/auth.ts';
import { callbackBody, returnQuery, startQuery } from './sso.schema.ts';
import { RETURN_PATH, STATE_COOKIE, STATE_TTL_MS } from './sso-state.ts';

const BASE = '/api/v1/oauth/immersio';

/**
 * "Sign in with Immersio" (spec 2.3 and 6). The callback answers JSON for the booking page; the
 * start → Immersio → return round trip is for plain browser navigation and answers with
 * redirects, or a small HTML page when the sign-in is refused.
 */
export function registerSsoRoutes(app: FastifyInstance, container: Container): void {
  const sso = container.sso;
  const sessionCookie = `${COOKIE_PREFIX}.${SESSION_COOKIE}`;
  const trusted = [new URL(container.env.PUBLIC_BASE_URL).origin];

  // Like sign-in, a sign-in posted from another site is refused even without a cookie (login CSRF:
  // the urlencoded parser would otherwise let any site's form post a token of its choosing).
  const refuseCrossSite = async (req: FastifyRequest) => {
    const crossSite = isCrossSiteCookieMutation(req, {
      trustedOrigins: trusted,
      bookingDomain: container.env.BOOKING_DOMAIN,
      cookieName: sessionCookie,
      evenWithoutCookie: true,
    });
    if (crossSite) {
      throw new AppError('FORBIDDEN', 'Cross-site request refused: send it from the booking site');
    }
  };

  app.post(
    `${BASE}/callback`,
    { config: { rateLimit: 'signIn' }, onRequest: refuseCrossSite },
    async (req, reply) => {
      const body = parseOrThrow(callbackBody, req.body ?? {});
      const result = await sso.callback({ ...body, client: clientOf(req) });
      for (const cookie of result.setCookie) void reply.header('set-cookie', cookie);
      return reply.status(200).header('cache-control', 'no-store').send(result.body);
    },
  );

  app.get(`${BASE}/start`, { config: { rateLimit: 'public' } }, async (req, reply) => {
    const query = parseOrThrow(startQuery, req.query ?? {});
    const started = await sso.start({ ...query, requestHost: req.host });
    const cookie = [
      `${STATE_COOKIE}=${started.nonce}`,
      `Max-Age=${Math.floor(STATE_TTL_MS / 1000)}`,
      `Path=${BASE}`,
      'HttpOnly',
      ...(started.cookieSecure ? ['Secure'] : []),
      // Lax: sent on the top-level GET navigation back from Immersio, never on cross-site posts.
      'SameSite=Lax',
    ].join('; ');
    return reply
      .status(302)
      .headers({ location: started.location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
      .header('set-cookie', cookie)
      .send();
  });

  app.get(RETURN_PATH, { config: { rateLimit: 'signIn' } }, async (req, reply) => {
    const query = returnQuery.safeParse(req.query ?? {});
    const clearState = `${STATE_COOKIE}=; Max-Age=0; Path=${BASE}; HttpOnly; SameSite=Lax`;
    void reply.header('set-cookie', clearState);
    try {
      const result = await sso.complete({
        token: query.success ? query.data.token : undefined,
        state: query.success ? query.data.state : undefined,
        nonceCookie: readCookie(req.headers.cookie, STATE_COOKIE),
        client: clientOf(req),
      });
      for (const cookie of result.setCookie) void reply.header('set-cookie', cookie);
      return reply
        .status(303)
        .headers({
          location: result.redirectUrl,
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .send();
    } catch (error) {
      if (!isAppError(error) || error.status >= 500 || error.code === 'RATE_LIMITED') throw error;
      return refusedPage(reply, error);
    }
  });
}

function clientOf(req: FastifyRequest): { ip: string; userAgent?: string } {
  const userAgent = req.headers['user-agent'];
  return { ip: req.ip, ...(userAgent ? { userAgent } : {}) };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function refusedPage(reply: FastifyReply, error: AppError) {
  const message =
    error.code === 'INVALID_TOKEN'
      ? 'This sign-in link is not valid, has expired or has already been used. Please go back to the booking page and sign in with Immersio again.'
      : error.message;
  return reply
    .status(error.status)
    .headers(PAGE_HEADERS)
    .send(
      page(
        'Sign in with Immersio',
        `<h1>Sign in with Immersio</h1><p class="error" role="alert">${escapeHtml(message)}</p>`,
      ),
    );
}
