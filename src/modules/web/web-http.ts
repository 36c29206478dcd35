import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches } from '../../lib/etag.ts';
import { isEmbedRequest } from './embed/embed-frame.ts';
import type { RenderedPage } from './layout.ts';
import { STATIC_ASSETS, type StaticAsset } from './static-assets.ts';

/**
 * How a page may be cached: `public` pages are the same for everyone (seat counts at most 10 s
 * old, revalidated by ETag); `private` ones depend on who asks (a signed-in student's pre-filled
 * form, an admin's preview) or carry a secret in the URL (manage links).
 */
export type PageCaching = 'public' | 'private';

const CACHE_CONTROL: Record<PageCaching, string> = {
  public: 'public, max-age=10',
  private: 'no-store',
};

/** Below this, compression costs more than it saves. */
const MIN_COMPRESS = 1024;

export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: RenderedPage,
  options: { status?: number; caching: PageCaching },
) {
  const status = options.status ?? 200;
  void reply.headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'cache-control': CACHE_CONTROL[options.caching],
    // Private pages: nothing of their URL (a manage token) leaves the site, yet their own forms
    // still carry a real Origin (under no-referrer browsers send `Origin: null`, which the
    // cross-site check must refuse when a session cookie rides along).
    'referrer-policy': options.caching === 'private' ? 'same-origin' : 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    // The language follows Accept-Language and the `lang` cookie unless the URL names it; an embed
    // address is the framed variant only inside a frame (see embed-frame.ts).
    vary: `Accept-Encoding, Accept-Language, Cookie${isEmbedRequest(req) ? ', Sec-Fetch-Dest' : ''}`,
  });
  // The embed variant's `frame-ancestors` names the school's sites; X-Frame-Options cannot.
  if (!page.embedded) void reply.header('x-frame-options', 'DENY');
  if (options.caching === 'private') void reply.header('x-robots-tag', 'noindex');
  if (status === 200 && options.caching === 'public') {
    void reply.header('etag', page.etag);
    if (etagMatches(req.headers['if-none-match'], page.etag)) return reply.code(304).send();
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (!encoding || page.html.length < MIN_COMPRESS) return reply.code(status).send(page.html);
  let body = page.encoded.get(encoding);
  if (!body) {
    body =
      encoding === 'br'
        ? brotliCompressSync(page.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzipSync(page.html, { level: 6 });
    page.encoded.set(encoding, body);
  }
  return reply.code(status).header('content-encoding', encoding).send(body);
}

// Manage links, invitations and the API are not for search engines; the public pages are.
const ROBOTS_TXT =
  'User-agent: *\nDisallow: /api/\nDisallow: /bookings/\nDisallow: /passes/\nDisallow: /invite/\nAllow: /\n';

/** The content-hashed script (cached for a year, compressed ahead of time), robots.txt, favicon. */
export function registerStaticAssets(app: FastifyInstance): void {
  app.get('/robots.txt', async (_req, reply) =>
    reply
      .headers({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' })
      .send(ROBOTS_TXT),
  );
  // Browsers ask for it on every site; schools' logos are shown in the page instead.
  app.get('/favicon.ico', async (_req, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  );
  for (const asset of STATIC_ASSETS) {
    app.get(asset.path, async (req, reply) =>
      sendAsset(req, reply, asset, 'public, max-age=31536000, immutable'),
    );
  }
}

/** A script compressed ahead of time, in the encoding the client takes. */
export function sendAsset(
  req: FastifyRequest,
  reply: FastifyReply,
  asset: StaticAsset,
  cacheControl: string,
) {
  void reply.headers({ 'content-type': asset.type, 'cache-control': cacheControl, vary: 'Accept-Encoding' });
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (!encoding) return reply.send(asset.identity);
  return reply.header('content-encoding', encoding).send(encoding === 'br' ? asset.br : asset.gzip);
}

export function pickEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const accepted = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return undefined;
}
