import { AppError } from '../../lib/errors.ts';
import { checkedWorkshopIds, classPassView, titlesOf } from './class-pass-view.ts';
import { updateClassPass } from './class-passes.repo.ts';
import type { PassesDeps } from './passes-deps.ts';
import type { UpdatePassInput } from './procedures/update-pass.schema.ts';

/**
 * Staff change a pass on sale or archive it (immersio.pass.update). Passes already bought keep
 * what they were sold as: the change applies to purchases from now on.
 */
export async function updatePass(
  deps: Pick<PassesDeps, 'db' | 'now'>,
  command: { tenantId: number; input: UpdatePassInput },
) {
  const { tenantId, input } = command;
  const workshopIds = await checkedWorkshopIds(deps.db, tenantId, input.workshopIds);
  const row = await updateClassPass(deps.db, tenantId, input.passId, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.classes !== undefined && { classes: input.classes }),
    ...(input.price !== undefined && { priceCents: input.price }),
    ...(input.currency !== undefined && { currency: input.currency }),
    ...(input.validDays !== undefined && { validDays: input.validDays }),
    ...(workshopIds !== undefined && { workshopIds }),
    ...(input.status !== undefined && { status: input.status }),
    now: deps.now(),
  });
  if (!row) throw new AppError('NOT_FOUND', 'Pass not found');
  return classPassView(row, await titlesOf(deps.db, tenantId, [row]));
}
