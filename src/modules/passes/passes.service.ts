import { adjustPassCredits } from './adjust-pass-credits.ts';
import { createPass } from './create-pass.ts';
import { getPassForStudent } from './get-pass-for-student.ts';
import { listPasses } from './list-passes.ts';
import { listPassesOnSale } from './list-passes-on-sale.ts';
import { getPassHolder, listPassHolders } from './pass-holders.ts';
import type { PassesDeps } from './passes-deps.ts';
import type { CreatePassInput } from './procedures/create-pass.schema.ts';
import type { UpdatePassInput } from './procedures/update-pass.schema.ts';
import { type PurchasePassInput, purchasePass } from './purchase-pass.ts';
import type { StudentPassFilter } from './student-passes.repo.ts';
import { updatePass } from './update-pass.ts';

export type { PassesDeps } from './passes-deps.ts';

/**
 * Class passes (issue 16): staff sell them, students buy them through Stripe Checkout (the
 * webhook activates them: complete-pass-checkout.ts, called by the payments webhook), and a
 * booking pays with one of their credits (pass-credits.ts, called by bookings).
 */
export function createPassesService(deps: PassesDeps) {
  return {
    create: (command: { tenantId: number; input: CreatePassInput }) => createPass(deps, command),
    update: (command: { tenantId: number; input: UpdatePassInput }) => updatePass(deps, command),
    list: (query: { tenantId: number; status?: 'active' | 'archived' | undefined }) =>
      listPasses(deps, query),
    listHolders: (
      query: StudentPassFilter & {
        tenantId: number;
        limit: number;
        cursor?: { createdAt: Date; id: number } | undefined;
      },
    ) => listPassHolders(deps, query),
    getHolder: (query: { tenantId: number; studentPassId: number }) => getPassHolder(deps, query),
    adjustCredits: (command: {
      tenantId: number;
      actorId: number;
      studentPassId: number;
      delta: number;
      reason: string;
    }) => adjustPassCredits(deps, command),
    onSale: (tenantSlug: string) => listPassesOnSale(deps, tenantSlug),
    purchase: (input: PurchasePassInput) => purchasePass(deps, input),
    getForStudent: (uid: string, token: string) => getPassForStudent(deps, uid, token),
  };
}

export type PassesService = ReturnType<typeof createPassesService>;
