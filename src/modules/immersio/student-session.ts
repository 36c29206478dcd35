import type { IncomingHttpHeaders } from 'node:http';
import type { Container } from '../../container.ts';
import { extractCredential } from '../auth/credentials.ts';

export interface SignedInStudent {
  userId: number;
  name: string;
  email: string;
  studentId: string;
  tenantId: number;
}

/** The Immersio student signed in on this request (Sign in with Immersio) for this tenant, or null. */
export async function signedInStudent(
  container: Container,
  headers: IncomingHttpHeaders,
  tenantId: number,
): Promise<SignedInStudent | null> {
  const credential = extractCredential(headers);
  if (!credential) return null;
  const viewer = await container.sessions.resolve(credential);
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
