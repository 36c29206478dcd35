import type { IncomingHttpHeaders } from 'node:http';
import { extractCredential } from '../auth/credentials.ts';
import type { ViewerResolver } from '../viewer/viewer-resolver.ts';
import { bookingStudent } from './booking-form-rules.ts';

/** What finding the student needs: the container satisfies it. */
export interface PublicBookingStudentDeps {
  bookings: { tenantIdBySlug(tenantSlug: string): Promise<number | undefined> };
  sessions: Pick<ViewerResolver, 'resolve'>;
}

/**
 * Whose booking (enrolment, waitlist entry) a public API request makes on Immersio's side: the
 * request's "Sign in with Immersio" student of the tenant, if any (as immersio/student-session.ts
 * finds it, which this layer may not import), checked against an id `claimed` in the body.
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
): Promise<{ studentId: string } | null> {
  // Anonymous bookings (the common case) cost nothing more.
  const credential = extractCredential(headers);
  if (!credential) return null;
  const tenantId = await deps.bookings.tenantIdBySlug(tenantSlug);
  // An unknown tenant has no students: the booking answers TENANT_NOT_FOUND (or 403 for a body id).
  if (tenantId === undefined) return null;
  const student = (await deps.sessions.resolve(credential))?.immersioStudent;
  // A student session is made for one tenant; another tenant's session says nothing here.
  return student && student.tenantId === tenantId ? student : null;
}
