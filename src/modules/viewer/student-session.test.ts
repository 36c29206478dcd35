import { describe, expect, it } from 'vitest';
import type { Credential } from '../auth/credentials.ts';
import { type StudentSessionDeps, signedInStudent } from './student-session.ts';
import type { Viewer } from './viewer-resolver.ts';

const viewer = (immersioStudent: Viewer['immersioStudent']): Viewer => ({
  userId: 9,
  email: 'sam@example.test',
  name: 'Sam',
  avatarUrl: null,
  timeZone: 'UTC',
  sessionId: 1,
  sessionToken: 'tok',
  sessionExpiresAt: Date.now() + 60_000,
  via: 'bearer',
  activeTenantId: null,
  memberships: [],
  immersioStudent,
});

function fakeContainer(answer: Viewer | null) {
  const seen: Array<Credential | null> = [];
  const container = {
    sessions: {
      resolve: async (credential: Credential | null) => {
        seen.push(credential);
        return answer;
      },
    },
  } satisfies StudentSessionDeps;
  return { container, seen };
}

describe('signedInStudent', () => {
  it('is the student when the session is a student session of that tenant', async () => {
    const { container, seen } = fakeContainer(viewer({ tenantId: 3, studentId: 'stu-1' }));
    expect(await signedInStudent(container, { authorization: 'Bearer abc' }, 3)).toEqual({
      userId: 9,
      name: 'Sam',
      email: 'sam@example.test',
      studentId: 'stu-1',
      tenantId: 3,
    });
    expect(seen).toEqual([{ via: 'bearer', value: 'abc' }]);
  });

  it('is null for another tenant, a staff session, no session or no credential', async () => {
    expect(
      await signedInStudent(
        fakeContainer(viewer({ tenantId: 4, studentId: 'stu-1' })).container,
        { authorization: 'Bearer abc' },
        3,
      ),
    ).toBeNull();
    expect(
      await signedInStudent(fakeContainer(viewer(null)).container, { authorization: 'Bearer abc' }, 3),
    ).toBeNull();
    expect(
      await signedInStudent(fakeContainer(null).container, { authorization: 'Bearer abc' }, 3),
    ).toBeNull();
    const anonymous = fakeContainer(viewer({ tenantId: 3, studentId: 'stu-1' }));
    expect(await signedInStudent(anonymous.container, {}, 3)).toBeNull();
    expect(anonymous.seen).toEqual([]);
  });
});
