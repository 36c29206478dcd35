import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { AppError } from '../../lib/errors.ts';
import { extractCredential } from '../auth/credentials.ts';
import { type SignedInStudent, signedInStudent } from '../immersio/student-session.ts';
import {
  bookingTokenQuery,
  bookingUidParams,
  cancelBookingBody,
  createBookingBody,
} from './public-bookings.schemas.ts';

// The public booking API (the spec has none; README "Bookings and payments" documents it). No account:
// a booking is managed with the secret token from its manage link.
export function registerPublicBookingRoutes(app: FastifyInstance, container: Container): void {
  const noStore = { 'cache-control': 'no-store' };

  /** The request's "Sign in with Immersio" student of the booking's tenant, if any. */
  async function studentOf(req: FastifyRequest, tenantSlug: string): Promise<SignedInStudent | null> {
    // Anonymous bookings (the common case) cost nothing more.
    if (!extractCredential(req.headers)) return null;
    const tenantId = await container.bookings.tenantIdBySlug(tenantSlug);
    // An unknown tenant has no students: the booking answers TENANT_NOT_FOUND (or 403 for a body id).
    return tenantId === undefined ? null : signedInStudent(container, req.headers, tenantId);
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
}

const SSO_HINT =
  'The Immersio student id comes from "Sign in with Immersio" (GET /api/v1/oauth/immersio/start), ' +
  'never from the request body';

/**
 * Whose booking this is on Immersio's side. Only a "Sign in with Immersio" session of the
 * booking's tenant vouches for a student id (which can satisfy a whitelist by itself); an id in
 * the body is accepted only as a repetition of that session's.
 */
export function bookingStudent(
  claimed: string | undefined,
  student: SignedInStudent | null,
): { immersioStudentId?: string; registrationSource: 'immersio' | 'public' } {
  if (student) {
    if (claimed !== undefined && claimed !== student.studentId) {
      throw new AppError(
        'FORBIDDEN',
        `immersioStudentId does not match the signed-in Immersio student; leave it out (${SSO_HINT})`,
      );
    }
    return { immersioStudentId: student.studentId, registrationSource: 'immersio' };
  }
  if (claimed !== undefined) {
    throw new AppError(
      'FORBIDDEN',
      `${SSO_HINT}: sign in as the student for this school, or leave immersioStudentId out`,
    );
  }
  return { registrationSource: 'public' };
}
