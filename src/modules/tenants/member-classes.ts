import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as team from './team.repo.ts';
import * as repo from './tenants.repo.ts';

/** Raw rows may carry timestamps as strings (PGlite and pg differ): always Dates out. */
function normalise(rows: team.UpcomingClass[]) {
  return rows.map((row) => ({
    ...row,
    nextSessionAt: row.nextSessionAt === null ? null : new Date(row.nextSessionAt),
  }));
}

/** What a member still teaches from now on: what blocks removing them until it is reassigned. */
export async function upcomingClassesOf(db: Executor, tenantId: number, userId: number, now: Date) {
  return normalise(await team.upcomingClassesOf(db, tenantId, userId, now));
}

/** The team screen's "what does this person still teach" (the list a refused removal names). */
export async function memberClasses(
  deps: { db: Executor; now: () => Date },
  input: { tenantId: number; userId: number },
) {
  if (!(await repo.findMembership(deps.db, input.tenantId, input.userId))) {
    throw new AppError('NOT_FOUND', 'Member not found');
  }
  return { classes: await upcomingClassesOf(deps.db, input.tenantId, input.userId, deps.now()) };
}

/** "Business English (next 2025-03-12T15:00:00.000Z, 8 sessions); Tutoring (booked by slot)". */
export function describeClasses(classes: Awaited<ReturnType<typeof upcomingClassesOf>>): string {
  return classes
    .map((c) => {
      const when = c.nextSessionAt
        ? `next ${c.nextSessionAt.toISOString()}, ${c.upcomingSessions} upcoming session${c.upcomingSessions === 1 ? '' : 's'}`
        : 'booked by slot from their hours';
      return `${c.title} (${when})`;
    })
    .join('; ');
}
