import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../container.ts';
import { AppError } from '../lib/errors.ts';

export type RestRateLimit = 'public' | 'webhook' | 'upload' | 'signIn';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which of the spec's rate limits a REST route counts against. */
    rateLimit?: RestRateLimit;
  }
}

/** REST routes name their limit in `config.rateLimit`; the budget is per client IP. */
export function installRestRateLimits(app: FastifyInstance, container: Container): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply) => {
    const rule = req.routeOptions.config.rateLimit;
    if (!rule) return;
    const decision = await container.rateLimiter.check(rule, `ip:${req.ip}`);
    void reply.headers(container.rateLimitHeaders(decision));
    if (!decision.allowed) throw new AppError('RATE_LIMITED');
  });
}
