import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';

export function registerHealthRoutes(app: FastifyInstance, container: Container): void {
  // Liveness: the process answers. No dependency is checked, so a database outage doesn't
  // get healthy processes restarted.
  app.get('/api/health', async () => ({ status: 'ok' }));

  // Readiness: database reachable and every committed migration applied. Redis being away is
  // reported (status `degraded`) but still ready: each instance then limits from its own memory
  // and stops caching sessions, which is safe, whereas taking every instance out of the load
  // balancer for a cache outage would turn it into a full one.
  app.get('/api/ready', async (_req, reply) => {
    const ready = await container.database.ready();
    if (!ready) {
      return reply
        .status(503)
        .send({ status: 'not ready', code: 'INTERNAL_ERROR', error: 'Database unreachable or not migrated' });
    }
    const rateLimits = container.rateLimitMode();
    const cacheBus = container.bus.state();
    const redisDown = rateLimits === 'local' || cacheBus === 'down';
    return reply.status(200).send({
      status: redisDown ? 'degraded' : 'ready',
      database: container.database.kind,
      ...(cacheBus === 'local' ? {} : { redis: redisDown ? 'unreachable' : 'ok' }),
      rateLimits: rateLimits === 'shared' ? 'shared' : 'per-instance',
      sessionCache: container.bus.delivering() ? 'on' : 'off',
    });
  });
}
