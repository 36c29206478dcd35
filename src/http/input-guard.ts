import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { findUnsafeInput } from '../lib/boundary.schema.ts';
import { validationError } from '../lib/errors.ts';

/**
 * Every REST route and page gets its path parameters, query and parsed body checked against the
 * boundary rules (no NUL, no lone surrogate, sane dates and nesting) before its own schema runs.
 * tRPC inputs are checked by the procedure kit; raw bodies (signed webhooks) by their verifiers.
 */
export function installInputGuard(app: FastifyInstance, skipPrefix: string): void {
  const guard = (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const body = Buffer.isBuffer(req.body) || typeof req.body === 'string' ? undefined : req.body;
    const parts: Array<[string, unknown]> = [
      ['params', req.params],
      ['query', req.query],
      ['body', body],
    ];
    for (const [where, value] of parts) {
      const unsafe = findUnsafeInput(value, where === 'body' ? [] : [where]);
      if (unsafe) return done(validationError([unsafe]));
    }
    done();
  };
  // Attached to each route as it is declared rather than as an app-wide hook, so that the tRPC
  // routes carry no preHandler at all and Fastify skips that stage for them.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(skipPrefix)) return;
    const existing = route.preHandler ? [route.preHandler].flat() : [];
    route.preHandler = [guard, ...existing];
  });
}
