import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { AppError, validationError } from '../../lib/errors.ts';
import { etagMatches } from '../../lib/etag.ts';
import { UPLOADS_PATH } from './assets.service.ts';
import { isVariantWidth, VARIANT_WIDTHS, type VariantWidth } from './image.ts';

/**
 * Uploaded images, by content-hash name: the bytes never change under a name, so they may be cached
 * forever. The headers keep a browser from reading the bytes as anything but the image they are.
 * `?w=<width>` asks for a copy at most that wide (one of VARIANT_WIDTHS), for `srcset`.
 */
export function registerAssetRoutes(app: FastifyInstance, container: Container): void {
  app.get<{ Params: { name: string }; Querystring: { w?: unknown } }>(
    `${UPLOADS_PATH}/:name`,
    async (req, reply) => {
      const width = variantWidth(req.query.w);
      const upload =
        width === undefined
          ? await container.assets.read(req.params.name)
          : await container.assets.readVariant(req.params.name, width);
      if (!upload) throw new AppError('NOT_FOUND', 'No such upload');
      // A variant is its own resource: its tag names the width, even when it is the original's bytes.
      const etag = width === undefined ? `"${upload.assetId}"` : `"${upload.assetId}-w${width}"`;
      void reply.headers({
        etag,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cross-origin-resource-policy': 'cross-origin',
      });
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type(upload.contentType).send(upload.data);
    },
  );
}

/** `w` absent: the original. Anything but one of the fixed widths is refused, never rendered. */
function variantWidth(value: unknown): VariantWidth | undefined {
  if (value === undefined) return undefined;
  const width = typeof value === 'string' && /^[1-9][0-9]{0,4}$/.test(value) ? Number(value) : Number.NaN;
  if (isVariantWidth(width)) return width;
  throw validationError([
    {
      path: ['w'],
      message: `must be one of ${VARIANT_WIDTHS.join(', ')} (pixels wide), or left out for the original`,
    },
  ]);
}
