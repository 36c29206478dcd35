import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.ts';
import { parseOrThrow } from '../../../http/parse.ts';
import { askedLanguage } from '../../../lib/i18n/record-language.ts';
import { publicBookingStudent } from '../public-booking-student.ts';
import {
  joinWaitlistBody,
  waitlistTokenBody,
  waitlistTokenQuery,
  waitlistUidParams,
} from './public-waitlist.schemas.ts';

/**
 * The public waitlist API: join a full session's line, see one's place or offer, claim the seat
 * offered (answered as a booking is), or leave. The manage link's token is the only credential.
 */
export function registerPublicWaitlistRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };
  const options = { config: { rateLimit: 'public' } } as const;

  app.post('/api/v1/public/waitlist', options, async (req, reply) => {
    const { immersioStudentId: claimed, ...body } = parseOrThrow(joinWaitlistBody, req.body);
    const { immersioStudentId } = await publicBookingStudent(
      container,
      req.headers,
      body.tenantSlug,
      claimed,
    );
    const language = askedLanguage(body.language, req.headers['accept-language']);
    const result = await container.bookings.waitlist.join({ ...body, immersioStudentId, language });
    return reply.code(201).headers(noStore).send(result);
  });

  app.get('/api/v1/public/waitlist/:uid', options, async (req, reply) => {
    const { uid } = parseOrThrow(waitlistUidParams, req.params);
    const { token } = parseOrThrow(waitlistTokenQuery, req.query);
    return reply.headers(noStore).send(await container.bookings.waitlist.get(uid, token));
  });

  app.post('/api/v1/public/waitlist/:uid/claim', options, async (req, reply) => {
    const { uid } = parseOrThrow(waitlistUidParams, req.params);
    const { token } = parseOrThrow(waitlistTokenBody, req.body);
    return reply
      .code(201)
      .headers(noStore)
      .send(await container.bookings.waitlist.claim({ uid, token }));
  });

  app.post('/api/v1/public/waitlist/:uid/leave', options, async (req, reply) => {
    const { uid } = parseOrThrow(waitlistUidParams, req.params);
    const { token } = parseOrThrow(waitlistTokenBody, req.body);
    return reply.headers(noStore).send(await container.bookings.waitlist.leave({ uid, token }));
  });
}
