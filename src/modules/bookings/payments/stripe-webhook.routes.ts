import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.ts';
import { isAppError } from '../../../lib/errors.ts';

/**
 * POST /api/v1/webhooks/stripe. The signature covers the exact bytes Stripe sent, so this route
 * keeps the body raw (its own JSON parser, in its own plugin scope) and lets the SDK verify it.
 */
export function registerStripeWebhookRoute(app: FastifyInstance, container: Container): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/api/v1/webhooks/stripe', { config: { rateLimit: 'webhook' } }, async (req, reply) => {
      const signature = req.headers['stripe-signature'];
      try {
        const result = await container.payments.handleWebhook(
          req.body as Buffer,
          typeof signature === 'string' ? signature : undefined,
        );
        req.log.info({ result }, 'stripe webhook');
        return { received: true };
      } catch (error) {
        // Stripe's convention (and the bookings issue) is 400 for a signature that does not verify,
        // not the 401 the spec's table gives INVALID_WEBHOOK_SIGNATURE for Immersio's webhooks.
        if (isAppError(error) && error.code === 'INVALID_WEBHOOK_SIGNATURE') {
          return reply.code(400).send({ error: error.message, code: error.code });
        }
        throw error;
      }
    });
  });
}
