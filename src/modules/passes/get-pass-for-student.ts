import { AppError } from '../../lib/errors.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { workshopTitles } from './class-passes.repo.ts';
import { isPassManageToken } from './pass-manage-token.ts';
import { passState, studentHistoryEntry } from './pass-views.ts';
import type { PassesDeps } from './passes-deps.ts';
import { findStudentPassByUid, passEntries } from './student-passes.repo.ts';

/**
 * What a pass's manage link shows: its balance, validity, what it pays for, its payment and its
 * history. The token in the link is the only authorisation; a wrong one is the same 404 as an
 * unknown pass.
 */
export async function getPassForStudent(
  deps: Pick<PassesDeps, 'db' | 'env' | 'now'>,
  uid: string,
  token: string,
) {
  const pass = isPassManageToken(deps.env.APP_SECRET, uid, token)
    ? await findStudentPassByUid(deps.db, uid)
    : undefined;
  if (!pass) throw new AppError('NOT_FOUND', 'Pass not found');
  const [tenant, entries, workshops] = await Promise.all([
    findTenant(deps.db, { id: pass.tenantId }),
    passEntries(deps.db, pass.tenantId, pass.id),
    pass.workshopIds === null ? null : workshopTitles(deps.db, pass.tenantId, pass.workshopIds),
  ]);
  const now = deps.now();
  const state = passState(pass, now);
  const checkoutOpen =
    pass.status === 'pending' && pass.checkoutExpiresAt !== null && pass.checkoutExpiresAt > now;
  return {
    pass: {
      uid: pass.uid,
      name: pass.name,
      status: state,
      classes: pass.classes,
      creditsRemaining: pass.creditsRemaining,
      validDays: pass.validDays,
      expiresAt: pass.expiresAt,
      buyer: { name: pass.buyerName, email: pass.buyerEmail },
      /** The classes it pays for; null: every class of the school. */
      workshops: workshops?.map((w) => ({ id: w.id, title: w.title })) ?? null,
    },
    tenant: { name: tenant!.name, slug: tenant!.slug, timeZone: tenant!.timeZone },
    payment: {
      amount: pass.amountCents,
      currency: pass.currency,
      status:
        pass.paidAt !== null
          ? ('paid' as const)
          : checkoutOpen
            ? ('awaiting_payment' as const)
            : ('unpaid' as const),
      paidAt: pass.paidAt,
      checkoutUrl: checkoutOpen ? pass.checkoutUrl : null,
      checkoutExpiresAt: checkoutOpen ? pass.checkoutExpiresAt : null,
    },
    history: entries.map(studentHistoryEntry),
    /** Beyond the spec (issue 18): the language the pass was bought in, for its pages and e-mails. */
    language: pass.language,
  };
}

export type PassForStudent = Awaited<ReturnType<typeof getPassForStudent>>;
