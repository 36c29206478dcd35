import type Stripe from 'stripe';
import { emailJob } from '../outbox/email-job.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { workshopTitles } from './class-passes.repo.ts';
import { passReadyEmail } from './pass-emails.ts';
import { passManageUrl } from './pass-manage-token.ts';
import type { PassesDeps } from './passes-deps.ts';
import { activateStudentPass, lockPassByCheckout, markPassUnpaid } from './student-passes.repo.ts';

const DAY_MS = 86_400_000;

export type PassCheckoutDeps = Pick<PassesDeps, 'db' | 'env' | 'now' | 'wakeOutbox'>;

/**
 * Stripe's webhook for a paid pass checkout: the pass becomes usable with its credits, valid for
 * its days from now, with its `purchase` ledger row and the buyer's e-mail, in one transaction.
 * A redelivered event finds it active and does nothing. A payment that arrives after the
 * checkout was reported expired still activates it: nothing was given away meanwhile.
 */
export async function completePassCheckout(
  deps: PassCheckoutDeps,
  event: Pick<Stripe.Event, 'account'>,
  session: Stripe.Checkout.Session,
): Promise<string> {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const pass = await lockPassByCheckout(tx, session.id);
    if (!pass) return 'ignored: no pass has this checkout session';
    if (pass.status === 'active') return 'duplicate';
    const expiresAt = new Date(now.getTime() + pass.validDays * DAY_MS);
    const activated = await activateStudentPass(tx, {
      tenantId: pass.tenantId,
      id: pass.id,
      expiresAt,
      payment: {
        amountCents: session.amount_total ?? pass.amountCents,
        feeCents: Number(session.metadata?.platformFeeCents ?? pass.feeCents) || 0,
        currency: (session.currency ?? pass.currency).toUpperCase(),
        stripePaymentId: idOf(session.payment_intent),
        stripeCustomerId: idOf(session.customer),
        stripeAccountId: event.account ?? null,
      },
      now,
    });
    if (!activated) return 'duplicate';
    const tenant = (await findTenant(tx, { id: pass.tenantId }))!;
    const titles =
      pass.workshopIds === null
        ? null
        : (await workshopTitles(tx, pass.tenantId, pass.workshopIds)).map((w) => w.title);
    await enqueueJob(
      tx,
      emailJob,
      passReadyEmail({
        to: pass.buyerEmail,
        buyerName: pass.buyerName,
        schoolName: tenant.name,
        schoolTimeZone: tenant.timeZone,
        passName: pass.name,
        classes: activated.creditsRemaining,
        amountCents: session.amount_total ?? pass.amountCents,
        currency: pass.currency,
        expiresAt: activated.expiresAt,
        workshopTitles: titles,
        manageUrl: passManageUrl(deps.env, pass.uid),
        language: pass.language,
      }),
      { tenantId: pass.tenantId },
    );
    return 'pass activated';
  });
  if (result === 'pass activated') deps.wakeOutbox();
  return result;
}

/** A pass checkout that ended unpaid (expired, or its delayed payment failed): never paid. */
export async function endPassCheckout(
  deps: Pick<PassesDeps, 'db' | 'now'>,
  session: Pick<Stripe.Checkout.Session, 'id'>,
): Promise<string> {
  const tenantId = await markPassUnpaid(deps.db, { checkoutSessionId: session.id }, deps.now());
  return tenantId === undefined ? 'ignored: no pass waiting for this checkout' : 'pass unpaid';
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}
