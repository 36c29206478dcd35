import type { Executor } from '../../db/client.ts';
import { validationError } from '../../lib/errors.ts';
import { type ClassPassRow, type WorkshopTitle, workshopTitles } from './class-passes.repo.ts';
import type { ClassPassView } from './procedures/pass-fields.schema.ts';

/**
 * The workshops a pass is to pay for, sorted and without repeats; every one must be the school's
 * (VALIDATION_ERROR naming the others). null stays null: every workshop.
 */
export async function checkedWorkshopIds(
  db: Executor,
  tenantId: number,
  ids: number[] | null | undefined,
): Promise<number[] | null | undefined> {
  if (ids === null || ids === undefined) return ids;
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const found = new Set((await workshopTitles(db, tenantId, unique)).map((w) => w.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw validationError([
      { path: ['workshopIds'], message: `not workshops of this school: ${missing.join(', ')}` },
    ]);
  }
  return unique;
}

/** The titles of every workshop the passes name, in one query. */
export async function titlesOf(
  db: Executor,
  tenantId: number,
  passes: Array<Pick<ClassPassRow, 'workshopIds'>>,
): Promise<Map<number, WorkshopTitle>> {
  const ids = [...new Set(passes.flatMap((p) => p.workshopIds ?? []))];
  return new Map((await workshopTitles(db, tenantId, ids)).map((w) => [w.id, w]));
}

export function classPassView(row: ClassPassRow, titles: Map<number, WorkshopTitle>): ClassPassView {
  return {
    id: row.id,
    name: row.name,
    classes: row.classes,
    price: row.priceCents,
    currency: row.currency,
    validDays: row.validDays,
    workshopIds: row.workshopIds,
    workshops:
      row.workshopIds === null
        ? null
        : row.workshopIds.flatMap((id) => {
            const w = titles.get(id);
            return w ? [{ id, title: w.title }] : [];
          }),
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
