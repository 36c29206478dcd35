import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';

export function registerHealthRoutes(app: FastifyInstance, container: Container): void {
  // Liveness: the process answers. No dependency is checked, so a database outage doesn't
  // get healthy processes restarted.
  app.get('/api/health', async () => ({ status: 'ok' }));

  // Readiness: database reachable and every committed migration applied.
  app.get('/api/ready', async (_req, reply) => {
    const ready = await container.database.ready();
    return reply
      .status(ready ? 200 : 503)
      .send(
        ready
          ? { status: 'ready', database: container.database.kind }
          : { status: 'not ready', code: 'INTERNAL_ERROR', error: 'Database unreachable or not migrated' },
      );
  });
}
