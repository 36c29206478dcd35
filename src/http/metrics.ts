import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Metrics, UNMATCHED_ROUTE } from '../lib/metrics/registry.ts';

/**
 * Times every request by its route pattern. `onResponse` runs after the reply is sent, so the
 * client never waits for it; the histogram child is cached per label set (registry.ts).
 */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? UNMATCHED_ROUTE,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/**
 * GET /metrics in Prometheus text format. Loopback callers (the socket's own address, never
 * X-Forwarded-For) are served; anyone else needs `Authorization: Bearer <METRICS_TOKEN>`. Without a
 * token configured the route answers 404 to them, as if absent; with one, a missing or wrong token
 * answers 401.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: Metrics,
  token: string | undefined,
): void {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  app.get('/metrics', async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress)) {
      if (!expected) {
        return reply.status(404).send({ error: 'Resource not found', code: 'NOT_FOUND' });
      }
      if (!bearerMatches(request, expected)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: 'Authentication required', code: 'UNAUTHORIZED' });
      }
    }
    const text = await metrics.render();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text);
  });
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function bearerMatches(request: FastifyRequest, expected: Buffer): boolean {
  const given = request.headers.authorization;
  if (typeof given !== 'string') return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}
