import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/errors.ts';
import { recordLanguage } from '../../lib/i18n/record-language.ts';
import { PLANS } from '../tenants/plans.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { findClassPassById } from './class-passes.repo.ts';
import { createPassCheckout, PASS_CHECKOUT_MS } from './pass-checkout.ts';
import { passManageUrl } from './pass-manage-token.ts';
import type { PassesDeps } from './passes-deps.ts';
import { insertStudentPass, markPassUnpaid, setPassCheckout } from './student-passes.repo.ts';

export interface PurchasePassInput {
  passId: number;
  /** When given, the pass must be this school's (a link from one school never sells another's). */
  tenantSlug?: string | undefined;
  buyer: { name: string; email: string };
  /**
   * The request's "Sign in with Immersio" student, never an id a client claims: the pass is bound
   * to them when the session is for the pass's school.
   */
  student?: { studentId: string; tenantId: number } | null | undefined;
  /** The language the pass is bought in (issue 18), for its e-mails; none: the school's default. */
  language?: string | undefined;
}

const notOnSale = () => new AppError('NOT_FOUND', 'This pass is not on sale');

/**
 * A student buys a pass: it is recorded as waiting for its payment, bound to the buyer's e-mail
 * (and Immersio student), and a Stripe Checkout on the school's account is opened for it. The
 * webhook activates it; until then it has no credits. What was on sale is kept on the bought pass.
 */
export async function purchasePass(
  deps: Pick<PassesDeps, 'db' | 'env' | 'logger' | 'now' | 'stripe'>,
  input: PurchasePassInput,
) {
  const pass = await findClassPassById(deps.db, input.passId);
  if (pass?.status !== 'active') throw notOnSale();
  const tenant = await findTenant(deps.db, { id: pass.tenantId });
  if (!tenant || (input.tenantSlug !== undefined && input.tenantSlug !== tenant.slug)) throw notOnSale();
  if (!deps.stripe || !tenant.stripeAccountId) {
    throw new AppError('STRIPE_NOT_CONFIGURED', `${tenant.name} cannot take payments yet`);
  }
  const now = deps.now();
  const uid = `pass_${randomBytes(10).toString('hex')}`;
  const buyerEmail = input.buyer.email.trim().toLowerCase();
  const checkoutExpiresAt = new Date(now.getTime() + PASS_CHECKOUT_MS);
  const feeCents = Math.round((pass.priceCents * PLANS[tenant.plan].platformFeeBps) / 10_000);
  const language = recordLanguage(input.language, tenant);
  const id = await insertStudentPass(deps.db, {
    uid,
    tenantId: tenant.id,
    passId: pass.id,
    name: pass.name,
    classes: pass.classes,
    validDays: pass.validDays,
    workshopIds: pass.workshopIds,
    buyerName: input.buyer.name.trim(),
    buyerEmail,
    immersioStudentId: input.student?.tenantId === tenant.id ? input.student.studentId : null,
    amountCents: pass.priceCents,
    feeCents,
    currency: pass.currency,
    checkoutExpiresAt,
    language,
    now,
  });
  const manageUrl = passManageUrl(deps.env, uid);
  let checkout: { id: string; url: string };
  try {
    checkout = await createPassCheckout(deps.stripe.stripe, {
      uid,
      tenantId: tenant.id,
      stripeAccountId: tenant.stripeAccountId,
      title: `${pass.name} (${pass.classes} ${pass.classes === 1 ? 'class' : 'classes'})`,
      amountCents: pass.priceCents,
      currency: pass.currency,
      buyerEmail,
      feeCents,
      expiresAt: checkoutExpiresAt,
      manageUrl,
      language,
    });
  } catch (error) {
    deps.logger.warn({ err: error, passUid: uid }, 'Stripe checkout for a pass could not be created');
    await markPassUnpaid(deps.db, { tenantId: tenant.id, id }, now);
    throw new AppError('PAYMENT_FAILED', 'The payment could not be started; please try again', {
      cause: error,
    });
  }
  await setPassCheckout(deps.db, tenant.id, id, checkout);
  return {
    pass: {
      uid,
      status: 'pending' as const,
      name: pass.name,
      classes: pass.classes,
      validDays: pass.validDays,
      price: pass.priceCents,
      currency: pass.currency,
      buyer: { name: input.buyer.name.trim(), email: buyerEmail },
    },
    checkoutUrl: checkout.url,
    expiresAt: checkoutExpiresAt,
    manageUrl,
  };
}
