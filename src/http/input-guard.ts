import type { FastifyInstance } from 'fastify';
import { findUnsafeInput } from '../lib/boundary.schema.ts';
import { validationError } from '../lib/errors.ts';

/**
 * Every REST route and page gets its path parameters, query and parsed body checked against the
 * boundary rules (no NUL, no lone surrogate, sane dates and nesting) before its own schema runs.
 * tRPC inputs are checked by the procedure kit; raw bodies (signed webhooks) by their verifiers.
 */
export function installInputGuard(app: FastifyInstance, skipPrefix: string): void {
  app.addHook('preHandler', (req, _reply, done) => {
    if (req.url.startsWith(skipPrefix)) return done();
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
  });
}
