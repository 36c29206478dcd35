import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { extractCredential } from '../auth/credentials.ts';
import { bookingStudent } from './booking-form-rules.ts';
import {
  bookingTokenQuery,
  bookingUidParams,
  cancelBookingBody,
  createBookingBody,
} from './public-bookings.schemas.ts';
import { rescheduleBookingBody } from './reschedule-booking.schema.ts';

// The public booking API (the spec has none; README "Bookings and payments" documents it). No account:
// a booking is managed with the secret token from its manage link.
export function registerPublicBookingRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };

  /**
   * The request's "Sign in with Immersio" student of the booking's tenant, if any (as
   * immersio/student-session.ts finds it, which this layer may not import).
   */
  async function studentOf(req: FastifyRequest, tenantSlug: string): Promise<{ studentId: string } | null> {
    // Anonymous bookings (the common case) cost nothing more.
    const credential = extractCredential(req.headers);
    if (!credential) return null;
    const tenantId = await container.bookings.tenantIdBySlug(tenantSlug);
    // An unknown tenant has no students: the booking answers TENANT_NOT_FOUND (or 403 for a body id).
    if (tenantId === undefined) return null;
    const student = (await container.sessions.resolve(credential))?.immersioStudent;
    // A student session is made for one tenant; another tenant's session says nothing here.
    return student && student.tenantId === tenantId ? student : null;
  }

  app.post('/api/v1/public/bookings', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { immersioStudentId: claimed, ...body } = parseOrThrow(createBookingBody, req.body);
    const student = await studentOf(req, body.tenantSlug);
    const result = await container.bookings.create({ ...body, ...bookingStudent(claimed, student) });
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
