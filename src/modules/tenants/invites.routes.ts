import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { acceptBody, tokenParams } from './invites.schema.ts';

export function registerInviteRoutes(app: FastifyInstance, container: Container): void {
  app.get('/api/v1/invites/:token', { config: { rateLimit: 'public' } }, async (req) => {
    const { token } = parseOrThrow(tokenParams, req.params);
    return container.invites.describe(token);
  });

  app.post('/api/v1/invites/:token/accept', { config: { rateLimit: 'signIn' } }, async (req, reply) => {
    const { token } = parseOrThrow(tokenParams, req.params);
    const body = parseOrThrow(acceptBody, req.body ?? {});
    const headers = new Headers();
    if (req.headers['user-agent']) headers.set('user-agent', req.headers['user-agent']);
    const result = await container.invites.accept({ token, ...body, headers });
    for (const cookie of result.setCookie) void reply.header('set-cookie', cookie);
    return reply.status(200).send(result.body);
  });
}
