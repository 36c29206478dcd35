import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.ts';
import { parseOrThrow } from '../../../http/parse.ts';
import { extractCredential } from '../../auth/credentials.ts';
import { bookingStudent } from '../booking-form-rules.ts';
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

  /** The request's "Sign in with Immersio" student of this tenant, as the booking API finds it. */
  async function studentOf(req: FastifyRequest, tenantSlug: string): Promise<{ studentId: string } | null> {
    const credential = extractCredential(req.headers);
    if (!credential) return null;
    const tenantId = await container.bookings.tenantIdBySlug(tenantSlug);
    if (tenantId === undefined) return null;
    const student = (await container.sessions.resolve(credential))?.immersioStudent;
    return student && student.tenantId === tenantId ? student : null;
  }

  app.post('/api/v1/public/waitlist', options, async (req, reply) => {
    const { immersioStudentId: claimed, ...body } = parseOrThrow(joinWaitlistBody, req.body);
    const student = await studentOf(req, body.tenantSlug);
    const { immersioStudentId } = bookingStudent(claimed, student);
    const result = await container.bookings.waitlist.join({ ...body, immersioStudentId });
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
