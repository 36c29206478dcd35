import type { IncomingHttpHeaders } from 'node:http';
import { extractCredential } from '../auth/credentials.ts';
import { type SignedInStudent, type StudentSessionDeps, signedInStudent } from '../viewer/student-session.ts';
import { bookingStudent } from './booking-form-rules.ts';

/** What finding the student needs: the container satisfies it. */
export interface PublicBookingStudentDeps extends StudentSessionDeps {
  bookings: { tenantIdBySlug(tenantSlug: string): Promise<number | undefined> };
}

/**
 * Whose booking (enrolment, waitlist entry) a public API request makes on Immersio's side: the
 * request's "Sign in with Immersio" student of the tenant, if any, checked against an id
 * `claimed` in the body.
 */
export async function publicBookingStudent(
  deps: PublicBookingStudentDeps,
  headers: IncomingHttpHeaders,
  tenantSlug: string,
  claimed: string | undefined,
): Promise<ReturnType<typeof bookingStudent>> {
  return bookingStudent(claimed, await signedInStudentOf(deps, headers, tenantSlug));
}

async function signedInStudentOf(
  deps: PublicBookingStudentDeps,
  headers: IncomingHttpHeaders,
  tenantSlug: string,
): Promise<SignedInStudent | null> {
  // Anonymous bookings (the common case) do not look the tenant up either.
  if (!extractCredential(headers)) return null;
  const tenantId = await deps.bookings.tenantIdBySlug(tenantSlug);
  // An unknown tenant has no students: the booking answers TENANT_NOT_FOUND (or 403 for a body id).
  if (tenantId === undefined) return null;
  return signedInStudent(deps, headers, tenantId);
}
