import { checkedWorkshopIds, classPassView, titlesOf } from './class-pass-view.ts';
import { insertClassPass } from './class-passes.repo.ts';
import type { PassesDeps } from './passes-deps.ts';
import type { CreatePassInput } from './procedures/create-pass.schema.ts';

/** Staff put a pass on sale (immersio.pass.create). */
export async function createPass(
  deps: Pick<PassesDeps, 'db' | 'now'>,
  command: { tenantId: number; input: CreatePassInput },
) {
  const { tenantId, input } = command;
  const workshopIds = (await checkedWorkshopIds(deps.db, tenantId, input.workshopIds)) ?? null;
  const row = await insertClassPass(deps.db, {
    tenantId,
    name: input.name,
    classes: input.classes,
    priceCents: input.price,
    currency: input.currency,
    validDays: input.validDays,
    workshopIds,
    now: deps.now(),
  });
  return classPassView(row, await titlesOf(deps.db, tenantId, [row]));
}
