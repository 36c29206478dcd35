import type { IncomingHttpHeaders } from 'node:http';
import { extractCredential } from '../auth/credentials.ts';
import type { ViewerResolver } from './viewer-resolver.ts';

// The one place that finds the "Sign in with Immersio" student of a request: pages (web/), the
// public booking, enrolment and waitlist API (bookings/) and pass purchases (passes/) ask here.

/** What finding the student needs: the container satisfies it. */
export interface StudentSessionDeps {
  sessions: Pick<ViewerResolver, 'resolve'>;
}

export interface SignedInStudent {
  userId: number;
  name: string;
  email: string;
  studentId: string;
  tenantId: number;
}

/**
 * The Immersio student signed in on this request, of whichever school, or null. Anonymous
 * requests (nearly all) cost nothing: without a credential no session is looked up.
 */
export async function requestStudent(
  deps: StudentSessionDeps,
  headers: IncomingHttpHeaders,
): Promise<SignedInStudent | null> {
  const credential = extractCredential(headers);
  if (!credential) return null;
  const viewer = await deps.sessions.resolve(credential);
  const student = viewer?.immersioStudent;
  if (!viewer || !student) return null;
  return {
    userId: viewer.userId,
    name: viewer.name,
    email: viewer.email,
    studentId: student.studentId,
    tenantId: student.tenantId,
  };
}

/** The Immersio student signed in on this request (Sign in with Immersio) for this tenant, or null. */
export async function signedInStudent(
  deps: StudentSessionDeps,
  headers: IncomingHttpHeaders,
  tenantId: number,
): Promise<SignedInStudent | null> {
  const student = await requestStudent(deps, headers);
  // A student session is made for one tenant; another tenant's session says nothing here.
  return student?.tenantId === tenantId ? student : null;
}
