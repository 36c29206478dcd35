import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { AppError } from '../../lib/errors.ts';
import { UPLOADS_PATH } from './assets.service.ts';

/**
 * Uploaded images, by content-hash name: the bytes never change under a name, so they may be cached
 * forever. The headers keep a browser from reading the bytes as anything but the image they are.
 */
export function registerAssetRoutes(app: FastifyInstance, container: Container): void {
  app.get<{ Params: { name: string } }>(`${UPLOADS_PATH}/:name`, async (req, reply) => {
    const upload = await container.assets.read(req.params.name);
    if (!upload) throw new AppError('NOT_FOUND', 'No such upload');
    const etag = `"${upload.assetId}"`;
    void reply.headers({
      etag,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
    });
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(upload.contentType).send(upload.data);
  });
}

/** `If-None-Match` may list several tags, or `*`; weak tags match too (RFC 9110 weak comparison). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate === etag || candidate === `W/${etag}`;
  });
}
