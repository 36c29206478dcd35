import type { Database } from '../../../db/client.ts';
import { eraseStudent } from './erase-student.ts';
import { exportStudent, type PrivacyRequest } from './export-student.ts';

/** A school's answers to a student's data requests: an export, an erasure (docs/privacy.md). */
export function createPrivacyService(deps: { db: Database; now: () => Date; wakeOutbox: () => void }) {
  return {
    exportStudent: (request: PrivacyRequest) => exportStudent(deps, request),
    eraseStudent: (request: PrivacyRequest) => eraseStudent(deps, request),
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
