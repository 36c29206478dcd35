import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import {
  bookingTokenQuery,
  bookingUidParams,
  cancelBookingBody,
  createBookingBody,
} from './public-bookings.schemas.ts';

// The public booking API (the spec has none; README "Booking API" documents it). No account:
// a booking is managed with the secret token from its manage link.
export function registerPublicBookingRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };

  app.post('/api/v1/public/bookings', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const body = parseOrThrow(createBookingBody, req.body);
    const result = await container.bookings.create(body);
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
}
