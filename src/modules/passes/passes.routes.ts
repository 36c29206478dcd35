import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { askedLanguage } from '../../lib/i18n/record-language.ts';
import { requestStudent } from '../viewer/student-session.ts';
import { passesQuery, passParams, purchaseBody, studentPassParams, tokenQuery } from './passes.schema.ts';

// The public class-pass API (issue 16; docs/bookings.md "Class passes" documents it): a school's passes on
// sale, buying one (Stripe Checkout), and a bought pass's balance and history by its manage link.

export function registerPublicPassRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };

  app.get('/api/v1/public/passes', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { tenantSlug } = parseOrThrow(passesQuery, req.query);
    const { tenant, onSale, passes } = await container.passes.onSale(tenantSlug);
    return reply
      .headers({ 'cache-control': 'public, max-age=10' })
      .send({ tenant: { name: tenant.name, slug: tenant.slug }, onSale, passes });
  });

  app.post('/api/v1/public/passes/:id/purchase', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { id } = parseOrThrow(passParams, req.params);
    const body = parseOrThrow(purchaseBody, req.body);
    const language = askedLanguage(body.language, req.headers['accept-language']);
    // The student of whichever school: the purchase checks it is the pass's.
    const student = await requestStudent(container, req.headers);
    const result = await container.passes.purchase({ passId: id, ...body, student, language });
    return reply.code(201).headers(noStore).send(result);
  });

  app.get('/api/v1/public/student-passes/:uid', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { uid } = parseOrThrow(studentPassParams, req.params);
    const { token } = parseOrThrow(tokenQuery, req.query);
    const { tenant, ...view } = await container.passes.getForStudent(uid, token);
    return reply.headers(noStore).send({ ...view, tenant: { name: tenant.name, slug: tenant.slug } });
  });
}
