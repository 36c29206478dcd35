import type { Executor } from '../../db/client.ts';
import * as repo from './courses.repo.ts';

/** A picker stays usable with this many; a school with more still finds its course by filter. */
export const MAX_COURSES = 1000;

/** The courses the last syncs brought (deleted ones left out), and whether Immersio is connected. */
export async function listCourses(deps: { db: Executor }, input: { tenantId: number }) {
  const [connected, rows] = await Promise.all([
    repo.isConnected(deps.db, input.tenantId),
    repo.listSyncedCourses(deps.db, input.tenantId, MAX_COURSES + 1),
  ]);
  return { connected, courses: rows.slice(0, MAX_COURSES), truncated: rows.length > MAX_COURSES };
}
