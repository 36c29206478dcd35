import type { Database, Executor } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { DeliveryContext } from '../outbox/job-definition.ts';
import {
  COURSE_LINK_MAX_ATTEMPTS,
  type CourseLinkJobPayload,
  findWorkshopCourse,
  lockWorkshopCourse,
} from '../workshops/course-link.ts';
import {
  type CourseStudent,
  readCourseStudents,
  recordFailedPull,
  writeCourseLink,
} from './course-students.ts';
import { ImmersioApiError } from './immersio-api-error.ts';
import type { ImmersioCourse } from './immersio-api-schemas.ts';
import type { ImmersioClient } from './immersio-client.ts';
import { type ConnectionDeps, connectedClient } from './immersio-connection.ts';
import * as incoming from './incoming.repo.ts';
import * as repo from './integration.repo.ts';

export type LinkWorkshopCourseDeps = ConnectionDeps & {
  db: Database;
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
};

/**
 * The outbox job a workshop create or update queues (workshops/course-link.ts): makes the course
 * mapping match the workshop row as it is now. A course our mirror lacks is looked up in the
 * school's own organisation first (and mirrored, so later student webhooks are routed here); with
 * `syncStudentsFromImmersio` the students are pulled with mapCourse's code. Immersio unreachable
 * (or answering 5xx/429) = the job is retried; a refusal (a course the organisation does not have,
 * a revoked key) or the last attempt = a failed `students` sync log and no link, so the school sees
 * why in getSyncHistory and the whitelist stays as the school set it. Without a live integration
 * nothing happens: the course id stays on the workshop and `connect` queues the job again.
 */
export async function linkWorkshopCourse(
  deps: LinkWorkshopCourseDeps,
  payload: CourseLinkJobPayload,
  ctx: DeliveryContext,
): Promise<void> {
  const tenantId = ctx.tenantId;
  if (tenantId === null)
    throw Object.assign(new Error('A course-link job needs its tenant'), { permanent: true });
  const { workshopId } = payload;
  const log = deps.logger.child({ component: 'immersio', tenantId, workshopId });

  let client: Awaited<ReturnType<typeof connectedClient>>['client'];
  try {
    ({ client } = await connectedClient(deps, tenantId));
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'IMMERSIO_NOT_CONNECTED')) throw error;
    log.info('workshop course link waits for an Immersio connection');
    return;
  }
  const wanted = await findWorkshopCourse(deps.db, tenantId, workshopId);
  if (!wanted) return;

  let course: ImmersioCourse | null | undefined;
  let students: CourseStudent[] = [];
  let failed: string | undefined;
  if (wanted.immersioCourseId !== null) {
    try {
      course = await unmirroredCourse(deps, tenantId, client, wanted.immersioCourseId);
      if (course === null)
        failed = `Immersio has no course ${wanted.immersioCourseId} in this school's organisation`;
      else if (wanted.syncStudentsFromImmersio)
        students = await readCourseStudents(client, wanted.immersioCourseId);
    } catch (error) {
      const transient = !(error instanceof ImmersioApiError) || error.retryable;
      if (transient && ctx.attempt < COURSE_LINK_MAX_ATTEMPTS) throw error;
      failed = error instanceof Error ? error.message : String(error);
    }
  }

  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const current = await lockWorkshopCourse(tx, tenantId, workshopId);
    // Changed since the read: whoever changed it (an update's own job, or mapCourse) links it.
    if (
      !current ||
      current.immersioCourseId !== wanted.immersioCourseId ||
      current.syncStudentsFromImmersio !== wanted.syncStudentsFromImmersio
    )
      return 'changed' as const;
    if (current.immersioCourseId === null) {
      await repo.deleteMapping(tx, tenantId, workshopId);
      return 'unlinked' as const;
    }
    if (failed !== undefined) {
      await recordFailedPull(tx, {
        tenantId,
        workshopId,
        courseId: current.immersioCourseId,
        error: failed,
        now,
      });
      return 'failed' as const;
    }
    if (course) await mirrorCourse(tx, tenantId, course, now);
    await writeCourseLink(tx, {
      tenantId,
      workshopId,
      courseId: current.immersioCourseId,
      syncStudents: current.syncStudentsFromImmersio,
      students,
      now,
    });
    return 'linked' as const;
  });
  // The link can switch the whitelist on: cached booking catalogues must see it.
  if (outcome === 'linked' || outcome === 'unlinked') await deps.bus.publish({ type: 'catalog', tenantId });
  if (outcome === 'failed') log.warn({ error: failed }, 'workshop course link gave up');
  else log.info({ outcome, students: students.length }, 'workshop course link');
}

/**
 * The course as Immersio lists it for the school's own organisation, when our mirror does not
 * have it yet (undefined when it does; null when the organisation has no such course). Student
 * webhooks are routed by the mirrored course, and only the school's own key or Immersio's signed
 * course events may put a course there: a workshop naming another organisation's course id is
 * never linked, so that organisation's students cannot reach this school.
 */
async function unmirroredCourse(
  deps: LinkWorkshopCourseDeps,
  tenantId: number,
  client: ImmersioClient,
  courseId: string,
): Promise<ImmersioCourse | null | undefined> {
  const mirrored = await repo.findCourse(deps.db, tenantId, courseId);
  if (mirrored && mirrored.deletedAt === null) return undefined;
  // Immersio has no single-course read: its course list, page by page, until the course shows.
  for await (const course of client.allCourses({ limit: 100 })) if (course.id === courseId) return course;
  return null;
}

function mirrorCourse(tx: Executor, tenantId: number, course: ImmersioCourse, now: Date) {
  return incoming.upsertCourse(tx, {
    tenantId,
    courseId: course.id,
    name: course.name,
    description: course.description,
    status: course.status,
    studentCount: course.studentCount,
    remoteUpdatedAt: course.updatedAt,
    now,
  });
}
