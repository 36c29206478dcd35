import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../../../env.ts';
import { etagMatches } from '../../../lib/etag.ts';
import { loadAsset, scriptAsset } from '../static-assets.ts';
import { sendAsset } from '../web-http.ts';

/**
 * `GET /embed.js` (issue 20): the one script a school pastes into its website. Its address never
 * changes, so it is cached for an hour and revalidated by ETag; what it does is versioned inside
 * (`v1` in its header and every message), and a new major version would come at a new address.
 * The service's address is written into it here, so the frame always opens on PUBLIC_BASE_URL
 * (one origin for the booking form and the manage page it leads to) wherever it was loaded from.
 */
export function registerEmbedScript(app: FastifyInstance, env: Pick<Env, 'PUBLIC_BASE_URL'>): void {
  const source = loadAsset('embed.js').replace("'__IBS_BASE__'", JSON.stringify(env.PUBLIC_BASE_URL));
  const asset = scriptAsset('/embed.js', Buffer.from(source));
  const etag = `"${createHash('sha1').update(asset.identity).digest('base64url')}"`;
  app.get('/embed.js', async (req, reply) => {
    // Any site may load it (that is its job); what it frames decides who may frame it.
    void reply.headers({ 'cross-origin-resource-policy': 'cross-origin', etag });
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return sendAsset(req, reply, asset, 'public, max-age=3600, stale-while-revalidate=86400');
  });
}
