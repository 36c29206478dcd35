import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.ts';
import { parseOrThrow } from '../../../http/parse.ts';
import { askedLanguage } from '../../../lib/i18n/record-language.ts';
import { publicBookingStudent } from '../public-booking-student.ts';
import {
  cancelEnrolmentBody,
  createEnrolmentBody,
  enrolmentTokenQuery,
  enrolmentUidParams,
} from './public-enrolments.schemas.ts';

// The public whole-course enrolment API (beyond the spec; docs/bookings.md "Whole course" and
// docs/decisions.md "Whole-course enrolment"). No account: the enrolment is managed with the
// secret token of its manage link, as a booking is.
export function registerPublicEnrolmentRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };

  app.post('/api/v1/public/enrolments', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { immersioStudentId: claimed, ...body } = parseOrThrow(createEnrolmentBody, req.body);
    const student = await publicBookingStudent(container, req.headers, body.tenantSlug, claimed);
    const language = askedLanguage(body.language, req.headers['accept-language']);
    const result = await container.enrolments.create({ ...body, ...student, language });
    return reply.code(201).headers(noStore).send(result);
  });

  app.get('/api/v1/public/enrolments/:uid', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { uid } = parseOrThrow(enrolmentUidParams, req.params);
    const { token } = parseOrThrow(enrolmentTokenQuery, req.query);
    return reply.headers(noStore).send(await container.enrolments.getForStudent(uid, token));
  });

  app.post(
    '/api/v1/public/enrolments/:uid/cancel',
    { config: { rateLimit: 'public' } },
    async (req, reply) => {
      const { uid } = parseOrThrow(enrolmentUidParams, req.params);
      const { token, reason } = parseOrThrow(cancelEnrolmentBody, req.body);
      return reply.headers(noStore).send(await container.enrolments.cancelByStudent({ uid, token, reason }));
    },
  );
}
