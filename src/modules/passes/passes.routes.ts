import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { dbId } from '../../lib/boundary.schema.ts';
import { askedLanguage, languageField } from '../../lib/i18n/record-language.ts';
import { requestStudent } from '../viewer/student-session.ts';

// The public class-pass API (issue 16; README "Class passes" documents it): a school's passes on
// sale, buying one (Stripe Checkout), and a bought pass's balance and history by its manage link.

const passesQuery = z.object({ tenantSlug: z.string().trim().toLowerCase().min(1).max(100) });
const passParams = z.object({ id: z.coerce.number().pipe(dbId()) });
const purchaseBody = z.strictObject({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100).optional(),
  buyer: z.strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().max(254).pipe(z.email()),
  }),
  // Beyond the spec (issue 18): the language of the pass's e-mails, as for a booking.
  language: languageField.optional(),
});
const studentPassParams = z.object({ uid: z.string().regex(/^pass_[a-f0-9]{20}$/, 'is not a pass id') });
const tokenQuery = z.object({ token: z.string().min(1).max(200) });

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
