import type { IncomingHttpHeaders } from 'node:http';
import { extractCredential } from '../auth/credentials.ts';
import type { ViewerResolver } from '../viewer/viewer-resolver.ts';

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

/** The Immersio student signed in on this request (Sign in with Immersio) for this tenant, or null. */
export async function signedInStudent(
  deps: StudentSessionDeps,
  headers: IncomingHttpHeaders,
  tenantId: number,
): Promise<SignedInStudent | null> {
  const credential = extractCredential(headers);
  if (!credential) return null;
  const viewer = await deps.sessions.resolve(credential);
  const student = viewer?.immersioStudent;
  // A student session is made for one tenant; another tenant's session says nothing here.
  if (!viewer || !student || student.tenantId !== tenantId) return null;
  return {
    userId: viewer.userId,
    name: viewer.name,
    email: viewer.email,
    studentId: student.studentId,
    tenantId: student.tenantId,
  };
}
