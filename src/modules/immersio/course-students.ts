import type { Executor } from '../../db/client.ts';
import type { ImmersioClient } from './immersio-client.ts';
import * as repo from './integration.repo.ts';

// A course's students as mapCourse and the workshop course-link job pull them: read from Immersio
// (outside any transaction: no lock is held over the network), then written with the mapping and
// a `students` sync log in the caller's transaction, which holds the workshop row lock.

export interface CourseStudent {
  email: string;
  name: string | null;
  studentId: string;
}

/** Every student enrolled in the course, one per (trimmed, lower-cased) email. */
export async function readCourseStudents(client: ImmersioClient, courseId: string): Promise<CourseStudent[]> {
  const students = new Map<string, CourseStudent>();
  for await (const s of client.allCourseStudents(courseId)) {
    const email = s.email.trim().toLowerCase();
    if (!students.has(email)) students.set(email, { email, name: s.name ?? null, studentId: s.id });
  }
  return [...students.values()];
}

/**
 * Links the workshop to the course and, with `syncStudents`, puts the students on its whitelist
 * (switching it on); records the pull in `sync_logs`. Only a failed pull carries `errorDetails`.
 */
export async function writeCourseLink(
  tx: Executor,
  link: {
    tenantId: number;
    workshopId: number;
    courseId: string;
    syncStudents: boolean;
    /** What was read; ignored unless `syncStudents`. */
    students: readonly CourseStudent[];
    /** Why the students could not be read: the mapping is written, the whitelist left alone. */
    failedToRead?: string | undefined;
    now: Date;
  },
): Promise<number> {
  const mappingId = await repo.upsertMapping(tx, {
    tenantId: link.tenantId,
    workshopId: link.workshopId,
    courseId: link.courseId,
    syncStudents: link.syncStudents,
    now: link.now,
  });
  const pulled = link.syncStudents && link.failedToRead === undefined;
  if (pulled) await repo.whitelistStudents(tx, link.tenantId, link.workshopId, link.students);
  const syncId = await repo.startSyncLog(tx, {
    tenantId: link.tenantId,
    syncType: 'students',
    direction: 'pull',
    fullSync: true,
    now: link.now,
    leaseUntil: null,
  });
  await repo.finishSyncLog(tx, syncId, {
    status: link.failedToRead === undefined ? 'completed' : 'failed',
    recordsProcessed: link.syncStudents ? link.students.length : 0,
    recordsFailed: 0,
    coursesCreated: 0,
    coursesUpdated: 0,
    errorDetails:
      link.failedToRead === undefined
        ? null
        : { error: link.failedToRead, courseId: link.courseId, workshopId: link.workshopId },
    now: link.now,
  });
  return mappingId;
}

/** A failed sync log for a pull that never got as far as the mapping (the job gave up). */
export async function recordFailedPull(
  tx: Executor,
  f: { tenantId: number; workshopId: number; courseId: string; error: string; now: Date },
) {
  const syncId = await repo.startSyncLog(tx, {
    tenantId: f.tenantId,
    syncType: 'students',
    direction: 'pull',
    fullSync: true,
    now: f.now,
    leaseUntil: null,
  });
  await repo.finishSyncLog(tx, syncId, {
    status: 'failed',
    recordsProcessed: 0,
    recordsFailed: 0,
    coursesCreated: 0,
    coursesUpdated: 0,
    errorDetails: { error: f.error, courseId: f.courseId, workshopId: f.workshopId },
    now: f.now,
  });
}
