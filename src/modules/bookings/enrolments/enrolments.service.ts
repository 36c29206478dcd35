import type { BookingsDeps } from '../bookings-deps.ts';
import type { Actor } from '../staff-access.ts';
import { cancelEnrolmentByStaff } from './cancel-enrolment-by-staff.ts';
import { cancelEnrolmentByStudent } from './cancel-enrolment-by-student.ts';
import { type CreateEnrolmentInput, createEnrolment } from './create-enrolment.ts';
import { getEnrolmentForStudent } from './get-enrolment-for-student.ts';

export type { CreateEnrolmentInput } from './create-enrolment.ts';
export type { EnrolmentView } from './get-enrolment-for-student.ts';

/** The whole-course enrolment use cases with their dependencies bound once (the container's `enrolments`). */
export function createEnrolmentsService(deps: BookingsDeps) {
  return {
    create: (input: CreateEnrolmentInput) => createEnrolment(deps, input),
    getForStudent: (uid: string, token: string) => getEnrolmentForStudent(deps, uid, token),
    cancelByStudent: (input: { uid: string; token: string; reason?: string | undefined }) =>
      cancelEnrolmentByStudent(deps, input),
    cancelByStaff: (actor: Actor & { enrolmentId: number; reason?: string | undefined }) =>
      cancelEnrolmentByStaff(deps, actor),
  };
}

export type EnrolmentsService = ReturnType<typeof createEnrolmentsService>;
