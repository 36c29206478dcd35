import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';

/**
 * POST /api/v1/webhooks/immersio. The signature covers the exact bytes sent, so the body stays
 * raw here (its own parser, in its own plugin scope). Bad signature: 401 INVALID_WEBHOOK_SIGNATURE
 * (the error table's status; the spec's section 2.2 example shows 400: see docs/errors.md).
 */
export function registerImmersioWebhookRoute(app: FastifyInstance, container: Container): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/api/v1/webhooks/immersio', { config: { rateLimit: 'webhook' } }, async (req) => {
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      return container.incomingWebhooks.receive({
        body: (req.body as Buffer | undefined) ?? Buffer.alloc(0),
        signature: header('x-webhook-signature'),
        timestamp: header('x-webhook-timestamp'),
        orgId: header('x-immersio-org-id'),
      });
    });
  });
}
