import type { FastifyInstance } from 'fastify';
import { BASE_CSS } from '../lib/html.ts';

/**
 * `/assets/base.css`, the stylesheet of the plain pages outside the public web (`page()` in
 * lib/html.ts): the invitation page and the Sign in with Immersio refusals. Served here rather
 * than by one of their route groups, so neither depends on the other being registered.
 */
export function registerBaseStylesheet(app: FastifyInstance): void {
  app.get('/assets/base.css', async (_req, reply) =>
    reply
      .headers({ 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' })
      .send(BASE_CSS),
  );
}
