/** The simulated organisations, courses, students and SSO users, and what the mutations take. */

export type CourseStatus = 'active' | 'archived';
export type SsoRole = 'admin' | 'teacher' | 'student';

export interface SimOrg {
  id: string;
  name: string;
  apiKeys: Set<string>;
  courses: Map<string, SimCourse>;
  /** The organisation's student directory (a student may be enrolled in several courses). */
  students: Map<string, SimStudent>;
  /** Staff who can sign in with SSO (students sign in as themselves, see `ssoUsers`). */
  users: Map<string, SimUser>;
}

export interface SimCourse {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  status: CourseStatus;
  createdAt: Date;
  /** Moves when name, description or status change (not on enrolment). */
  updatedAt: Date;
  /** By student id. */
  enrollments: Map<string, SimEnrollment>;
}

export interface SimEnrollment {
  studentId: string;
  enrolledAt: Date;
  /** Monotonic across the simulator: the students list is ordered by it. */
  seq: number;
}

export interface SimStudent {
  id: string;
  orgId: string;
  email: string;
  name: string;
}

export interface SimUser {
  sub: string;
  orgId: string;
  email: string;
  name: string;
  role: SsoRole;
  studentId?: string;
}

export interface CourseInput {
  id?: string;
  name: string;
  description?: string | null;
  status?: CourseStatus;
  createdAt?: Date | string;
  updatedAt?: Date | string;
}

export interface CoursePatch {
  name?: string;
  description?: string | null;
  status?: CourseStatus;
  /** Defaults to now. */
  updatedAt?: Date | string;
}

export interface StudentInput {
  id?: string;
  email: string;
  name: string;
  enrolledAt?: Date | string;
}

export interface UserInput {
  sub?: string;
  email: string;
  name: string;
  role: SsoRole;
  studentId?: string;
}

export interface MutationOptions {
  /** Send the corresponding webhook when a target is configured (default true). */
  webhook?: boolean;
}
