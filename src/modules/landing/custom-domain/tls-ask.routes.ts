import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.ts';
import { parseOrThrow } from '../../../http/parse.ts';
import { tlsAskQuery } from './tls-ask.schema.ts';
import { assertServedDomain } from './tls-ask.ts';

/**
 * `GET /api/v1/domains/tls-ask?domain=` is what the reverse proxy asks before it requests a
 * certificate on demand (Caddy's `on_demand_tls { ask … }`): 200 for a verified school domain,
 * 404 for anything else, so nobody can make us fetch certificates for names we do not serve.
 */
export function registerTlsAskRoute(app: FastifyInstance, container: Container): void {
  app.get('/api/v1/domains/tls-ask', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { domain } = parseOrThrow(tlsAskQuery, req.query);
    await assertServedDomain({ db: container.db }, domain);
    return reply.send({ domain, verified: true });
  });
}
