import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { etagMatches } from '../../lib/etag.ts';
import {
  publicLandingParams,
  publicSlotsQuery,
  publicWorkshopParams,
  publicWorkshopQuery,
} from './public.schemas.ts';
import type { Rendered } from './render-cache.ts';

// Short, so seat counts seen by browsers and shared caches are at most this old; clients
// revalidate cheaply with If-None-Match.
const CACHE_CONTROL = 'public, max-age=10';

export function registerPublicRoutes(app: FastifyInstance, container: Container): void {
  app.get('/api/v1/public/landing/:slug', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { slug } = parseOrThrow(publicLandingParams, req.params);
    return sendRendered(req, reply, await container.publicCatalog.landing(slug.toLowerCase()));
  });

  app.get('/api/v1/public/workshops/:slug', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { slug } = parseOrThrow(publicWorkshopParams, req.params);
    const { tenantSlug } = parseOrThrow(publicWorkshopQuery, req.query);
    return sendRendered(
      req,
      reply,
      await container.publicCatalog.workshop(tenantSlug.toLowerCase(), slug.toLowerCase()),
    );
  });

  app.get('/api/v1/public/workshops/:slug/slots', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { slug } = parseOrThrow(publicWorkshopParams, req.params);
    const { tenantSlug, ...query } = parseOrThrow(publicSlotsQuery, req.query);
    return sendRendered(
      req,
      reply,
      await container.publicCatalog.slots(tenantSlug.toLowerCase(), slug.toLowerCase(), query),
    );
  });
}

function sendRendered(req: FastifyRequest, reply: FastifyReply, rendered: Rendered) {
  void reply.header('etag', rendered.etag).header('cache-control', CACHE_CONTROL);
  if (etagMatches(req.headers['if-none-match'], rendered.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(rendered.body);
}
