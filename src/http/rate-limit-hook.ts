import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../container.ts';
import { AppError } from '../lib/errors.ts';

export type RestRateLimit = 'public' | 'webhook' | 'upload' | 'signIn';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which of the spec's rate limits a REST route counts against. */
    rateLimit?: RestRateLimit;
  }
}

/**
 * REST routes name their limit in `config.rateLimit`; the budget is per client IP. The hook is
 * attached to those routes only, so routes without a limit (tRPC, health) pay nothing for it.
 * Must be installed before the routes are registered.
 */
export function installRestRateLimits(app: FastifyInstance, container: Container): void {
  const limit = async (req: FastifyRequest, reply: FastifyReply) => {
    const rule = req.routeOptions.config.rateLimit!;
    const decision = await container.rateLimiter.check(rule, `ip:${req.ip}`);
    void reply.headers(container.rateLimitHeaders(decision));
    if (!decision.allowed) throw new AppError('RATE_LIMITED');
  };
  app.addHook('onRoute', (route) => {
    if (!route.config?.rateLimit) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [...existing, limit];
  });
}
