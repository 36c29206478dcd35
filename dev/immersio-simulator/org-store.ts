/**
 * The simulator's state (organisations, their API keys, courses, students and SSO users) and the
 * mutations on it; each mutation hands its webhook event to `emit`.
 */
import { randomId, toDate } from './ids-and-times.ts';
import type {
  CourseInput,
  CoursePatch,
  CourseStatus,
  MutationOptions,
  SimCourse,
  SimOrg,
  SimStudent,
  SimUser,
  StudentInput,
  UserInput,
} from './org-types.ts';
import { SimulatorError } from './simulator-error.ts';
import type { ImmersioWebhookEvent } from './webhooks.ts';

export type EmitWebhook = (
  orgId: string,
  event: ImmersioWebhookEvent,
  data: unknown,
  mutation?: MutationOptions,
) => void;

export type OrgStore = ReturnType<typeof createOrgStore>;

/** A course as the REST API (and the control API) answer it. */
export const courseJson = (course: SimCourse) => ({
  id: course.id,
  name: course.name,
  description: course.description,
  status: course.status,
  studentCount: course.enrollments.size,
  updatedAt: course.updatedAt.toISOString(),
});

const courseEventData = (course: SimCourse) => ({
  orgId: course.orgId,
  courseId: course.id,
  name: course.name,
  description: course.description,
  status: course.status,
  studentCount: course.enrollments.size,
  updatedAt: course.updatedAt.toISOString(),
});

const assertStatus = (status: unknown): CourseStatus => {
  if (status !== 'active' && status !== 'archived')
    throw new SimulatorError(400, 'VALIDATION_ERROR', `status must be active or archived`);
  return status;
};

export function createOrgStore(now: () => Date, emit: EmitWebhook) {
  const orgs = new Map<string, SimOrg>();
  const orgByKey = new Map<string, SimOrg>();
  const courseOwner = new Map<string, string>();
  let enrollmentSeq = 0;

  const orgOf = (orgId: string): SimOrg => {
    const org = orgs.get(orgId);
    if (!org) throw new SimulatorError(404, 'NOT_FOUND', `unknown organisation ${orgId}`);
    return org;
  };
  const courseOf = (org: SimOrg, courseId: string): SimCourse => {
    const course = org.courses.get(courseId);
    if (!course) throw new SimulatorError(404, 'NOT_FOUND', `unknown course ${courseId} in ${org.id}`);
    return course;
  };

  function addOrg(input: { id: string; name: string; apiKey: string }): SimOrg {
    if (orgs.has(input.id)) throw new SimulatorError(409, 'CONFLICT', `organisation ${input.id} exists`);
    if (orgByKey.has(input.apiKey)) throw new SimulatorError(409, 'CONFLICT', 'API key already in use');
    const org: SimOrg = {
      id: input.id,
      name: input.name,
      apiKeys: new Set([input.apiKey]),
      courses: new Map(),
      students: new Map(),
      users: new Map(),
    };
    orgs.set(org.id, org);
    orgByKey.set(input.apiKey, org);
    return org;
  }

  function addApiKey(orgId: string, apiKey: string) {
    const org = orgOf(orgId);
    if (orgByKey.has(apiKey)) throw new SimulatorError(409, 'CONFLICT', 'API key already in use');
    org.apiKeys.add(apiKey);
    orgByKey.set(apiKey, org);
  }

  function revokeApiKey(apiKey: string) {
    orgByKey.get(apiKey)?.apiKeys.delete(apiKey);
    orgByKey.delete(apiKey);
  }

  function addCourse(orgId: string, input: CourseInput, mutation?: MutationOptions): SimCourse {
    const org = orgOf(orgId);
    const id = input.id ?? randomId('course');
    if (courseOwner.has(id)) throw new SimulatorError(409, 'CONFLICT', `course ${id} exists`);
    if (typeof input.name !== 'string' || input.name === '')
      throw new SimulatorError(400, 'VALIDATION_ERROR', 'name is required');
    const createdAt = toDate(input.createdAt, now());
    const course: SimCourse = {
      id,
      orgId,
      name: input.name,
      description: input.description ?? null,
      status: assertStatus(input.status ?? 'active'),
      createdAt,
      updatedAt: toDate(input.updatedAt, createdAt),
      enrollments: new Map(),
    };
    org.courses.set(id, course);
    courseOwner.set(id, orgId);
    emit(orgId, 'course.created', courseEventData(course), mutation);
    return course;
  }

  function updateCourse(
    orgId: string,
    courseId: string,
    patch: CoursePatch,
    mutation?: MutationOptions,
  ): SimCourse {
    const course = courseOf(orgOf(orgId), courseId);
    if (patch.name !== undefined) course.name = patch.name;
    if (patch.description !== undefined) course.description = patch.description;
    if (patch.status !== undefined) course.status = assertStatus(patch.status);
    course.updatedAt = toDate(patch.updatedAt, now());
    emit(orgId, 'course.updated', courseEventData(course), mutation);
    return course;
  }

  function deleteCourse(orgId: string, courseId: string, mutation?: MutationOptions) {
    const org = orgOf(orgId);
    courseOf(org, courseId);
    org.courses.delete(courseId);
    courseOwner.delete(courseId);
    emit(orgId, 'course.deleted', { orgId, courseId, deletedAt: now().toISOString() }, mutation);
  }

  function enroll(
    orgId: string,
    courseId: string,
    input: StudentInput,
    mutation?: MutationOptions,
  ): SimStudent {
    const org = orgOf(orgId);
    const course = courseOf(org, courseId);
    if (!input.email || !input.name)
      throw new SimulatorError(400, 'VALIDATION_ERROR', 'email and name are required');
    const id = input.id ?? randomId('student');
    let student = org.students.get(id);
    if (student) {
      student.email = input.email;
      student.name = input.name;
    } else {
      student = { id, orgId, email: input.email, name: input.name };
      org.students.set(id, student);
    }
    if (course.enrollments.has(id)) return student;
    const enrolledAt = toDate(input.enrolledAt, now());
    course.enrollments.set(id, { studentId: id, enrolledAt, seq: ++enrollmentSeq });
    emit(
      orgId,
      'student.enrolled',
      {
        courseId,
        studentId: id,
        email: student.email,
        name: student.name,
        enrolledAt: enrolledAt.toISOString(),
      },
      mutation,
    );
    return student;
  }

  function unenroll(orgId: string, courseId: string, studentId: string, mutation?: MutationOptions) {
    const org = orgOf(orgId);
    const course = courseOf(org, courseId);
    if (!course.enrollments.delete(studentId))
      throw new SimulatorError(404, 'NOT_FOUND', `student ${studentId} is not enrolled in ${courseId}`);
    const student = org.students.get(studentId)!;
    emit(
      orgId,
      'student.unenrolled',
      { courseId, studentId, email: student.email, unenrolledAt: now().toISOString() },
      mutation,
    );
  }

  function updateStudent(
    orgId: string,
    studentId: string,
    patch: { email?: string; name?: string },
    mutation?: MutationOptions,
  ): SimStudent {
    const student = orgOf(orgId).students.get(studentId);
    if (!student) throw new SimulatorError(404, 'NOT_FOUND', `unknown student ${studentId}`);
    if (patch.email !== undefined) student.email = patch.email;
    if (patch.name !== undefined) student.name = patch.name;
    emit(orgId, 'student.updated', { studentId, email: student.email, name: student.name }, mutation);
    return student;
  }

  function addUser(orgId: string, input: UserInput): SimUser {
    const org = orgOf(orgId);
    const user: SimUser = {
      sub: input.sub ?? randomId('user'),
      orgId,
      email: input.email,
      name: input.name,
      role: input.role,
      ...(input.studentId ? { studentId: input.studentId } : {}),
    };
    org.users.set(user.sub, user);
    return user;
  }

  function ssoUsers(orgId?: string): SimUser[] {
    const list = orgId ? [orgOf(orgId)] : [...orgs.values()];
    return list.flatMap((org) => {
      const staff = [...org.users.values()];
      const studentIds = new Set(staff.map((u) => u.studentId).filter(Boolean));
      const students = [...org.students.values()]
        .filter((s) => !studentIds.has(s.id))
        .map(
          (s): SimUser => ({
            sub: `user_${s.id}`,
            orgId: org.id,
            email: s.email,
            name: s.name,
            role: 'student',
            studentId: s.id,
          }),
        );
      return [...staff, ...students];
    });
  }

  return {
    orgs,
    orgByKey,
    addOrg,
    addApiKey,
    revokeApiKey,
    addCourse,
    updateCourse,
    deleteCourse,
    enroll,
    unenroll,
    updateStudent,
    addUser,
    ssoUsers,
  };
}
