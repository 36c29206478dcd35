import { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { dbId } from '../../lib/boundary.schema.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { type DeliveryContext, defineJob } from '../outbox/job-definition.ts';
import * as repo from './workshops.repo.ts';

// A workshop's Immersio course (`immersioCourseId`, `syncStudentsFromImmersio`) is the workshop's
// own data, but the link it implies (the course mapping, the students on the whitelist) is owned
// by the Immersio domain, which sits above this one. So a workshop change that touches the course
// writes a job in its own transaction, and the Immersio domain's handler (given at registration in
// app.ts) makes the link match the workshop row as it is when the job runs.

export const COURSE_LINK_KIND = 'workshop.immersio-course-link';

/** Attempts before the job gives up on an Immersio that keeps failing (then the failure is logged). */
export const COURSE_LINK_MAX_ATTEMPTS = 8;

const courseLinkJobSchema = z.object({ workshopId: dbId() });
export type CourseLinkJobPayload = z.output<typeof courseLinkJobSchema>;

export const courseLinkJob = defineJob({
  kind: COURSE_LINK_KIND,
  payload: courseLinkJobSchema,
  handle: (
    payload,
    ctx,
    integration: {
      linkWorkshopCourse(payload: CourseLinkJobPayload, ctx: DeliveryContext): Promise<void>;
    },
  ) => integration.linkWorkshopCourse(payload, ctx),
  maxAttempts: COURSE_LINK_MAX_ATTEMPTS,
});

/** Queues the link of this workshop to its course, in the transaction that changed the workshop. */
export function enqueueCourseLink(tx: Executor, tenantId: number, workshopId: number): Promise<number> {
  return enqueueJob(tx, courseLinkJob, { workshopId }, { tenantId });
}

export interface WorkshopCourse {
  immersioCourseId: string | null;
  syncStudentsFromImmersio: boolean;
}

/**
 * Locks the workshop row (serialising with whitelist edits and workshop updates) and returns its
 * course fields; undefined when the workshop is not this tenant's.
 */
export async function lockWorkshopCourse(
  tx: Executor,
  tenantId: number,
  workshopId: number,
): Promise<WorkshopCourse | undefined> {
  const row = await repo.lockWorkshop(tx, tenantId, workshopId);
  return (
    row && {
      immersioCourseId: row.immersioCourseId,
      syncStudentsFromImmersio: row.syncStudentsFromImmersio,
    }
  );
}

/** The workshop's course fields without a lock; undefined when the workshop is not this tenant's. */
export async function findWorkshopCourse(
  db: Executor,
  tenantId: number,
  workshopId: number,
): Promise<WorkshopCourse | undefined> {
  const found = await repo.findWorkshop(db, tenantId, workshopId);
  return (
    found && {
      immersioCourseId: found.workshop.immersioCourseId,
      syncStudentsFromImmersio: found.workshop.syncStudentsFromImmersio,
    }
  );
}
