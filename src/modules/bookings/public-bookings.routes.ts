import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { askedLanguage } from '../../lib/i18n/record-language.ts';
import { publicBookingStudent } from './public-booking-student.ts';
import {
  bookingTokenQuery,
  bookingUidParams,
  cancelBookingBody,
  createBookingBody,
} from './public-bookings.schemas.ts';
import { rescheduleBookingBody } from './reschedule-booking.schema.ts';

// The public booking API (the spec has none; docs/bookings.md documents it). No account:
// a booking is managed with the secret token from its manage link.
export function registerPublicBookingRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };

  app.post('/api/v1/public/bookings', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { immersioStudentId: claimed, ...body } = parseOrThrow(createBookingBody, req.body);
    const student = await publicBookingStudent(container, req.headers, body.tenantSlug, claimed);
    const language = askedLanguage(body.language, req.headers['accept-language']);
    const result = await container.bookings.create({ ...body, ...student, language });
    return reply.code(201).headers(noStore).send(result);
  });

  app.get('/api/v1/public/bookings/:uid', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { uid } = parseOrThrow(bookingUidParams, req.params);
    const { token } = parseOrThrow(bookingTokenQuery, req.query);
    return reply.headers(noStore).send(await container.bookings.getForStudent(uid, token));
  });

  app.post('/api/v1/public/bookings/:uid/cancel', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { uid } = parseOrThrow(bookingUidParams, req.params);
    const { token, reason } = parseOrThrow(cancelBookingBody, req.body);
    return reply.headers(noStore).send(await container.bookings.cancelByStudent({ uid, token, reason }));
  });

  // Moves the booking to another free time of its workshop; answers it as GET does.
  app.post(
    '/api/v1/public/bookings/:uid/reschedule',
    { config: { rateLimit: 'public' } },
    async (req, reply) => {
      const { uid } = parseOrThrow(bookingUidParams, req.params);
      const { token, startTime } = parseOrThrow(rescheduleBookingBody, req.body);
      return reply.headers(noStore).send(await container.bookings.reschedule({ uid, token, startTime }));
    },
  );
}
