import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';

const acceptBody = z.object({
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(256),
});
const tokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not an invite token'),
});

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
