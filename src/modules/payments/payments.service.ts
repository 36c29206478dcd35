import type Stripe from 'stripe';
import type { Database, Executor, Tx } from '../../db/client.ts';
import { uniqueViolation } from '../../db/errors.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BookingRow, BookingTenant } from '../bookings/bookings.repo.ts';
import * as bookingsRepo from '../bookings/bookings.repo.ts';
import { paymentCompletedEvent, type RefundOutcome, WEBHOOK_KIND } from '../bookings/events.ts';
import {
  bookingCancelledMessages,
  bookingConfirmedMessages,
  lateRefundMessages,
  type NotifyContext,
  refundIssuedMessages,
} from '../bookings/notifications.ts';
import { cancellationTerms } from '../bookings/policy.ts';
import { refundableCents } from '../bookings/refund-rule.ts';
import { enqueue } from '../outbox/outbox.repo.ts';
import type { RefundReason } from './payments.repo.ts';
import * as repo from './payments.repo.ts';
import { isPermanentStripeError, type StripeGateway } from './stripe-gateway.ts';
import { verifyStripeEvent } from './stripe-webhook-event.ts';

export const REFUND_KIND = 'refund';
export const EXPIRE_CHECKOUT_KIND = 'stripe.expire-checkout';
/** The outbox retries a refund whose immediate attempt failed; this long after the request. */
const REFUND_RETRY_DELAY_MS = 30_000;

/** Where a refund stands after an attempt, with Stripe's refund id once it succeeded. */
export interface RefundAttempt {
  status: 'succeeded' | 'failed' | 'pending';
  stripeRefundId: string | null;
}

export interface PaymentsDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  gateway: StripeGateway | undefined;
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
  wakeOutbox: () => void;
}

/**
 * Stripe Connect payments on each tenant's connected account: checkout sessions for held seats,
 * the signed webhook that confirms or releases them (exactly once per checkout session, however
 * often Stripe delivers), and refunds, which are idempotent at Stripe and in our tables.
 */
export function createPaymentsService(deps: PaymentsDeps) {
  const log = deps.logger.child({ component: 'payments' });

  function gateway(): StripeGateway {
    if (!deps.gateway)
      throw new AppError('STRIPE_NOT_CONFIGURED', 'Payments are not configured on this server');
    return deps.gateway;
  }

  async function notifyContext(db: Executor, tenantId: number, workshopId: number): Promise<NotifyContext> {
    const [tenant, workshop] = await Promise.all([
      bookingsRepo.findTenantById(db, tenantId),
      bookingsRepo.findWorkshopById(db, tenantId, workshopId),
    ]);
    return {
      env: deps.env,
      now: deps.now(),
      tenant: tenant!,
      workshop: workshop!,
      staffTimeZone: tenant!.timeZone,
    };
  }

  async function settled(tenantIds: Iterable<number>) {
    for (const tenantId of new Set(tenantIds)) await deps.bus.publish({ type: 'seats', tenantId });
    deps.wakeOutbox();
  }

  /** A paid checkout session: the payment row, and the booking confirmed or (no seat left) refunded. */
  async function completeCheckout(event: Stripe.Event, session: Stripe.Checkout.Session) {
    const now = deps.now();
    const outcome = await deps.db.transaction(async (tx) => {
      const booking = await bookingsRepo.lockBookingByCheckout(tx, session.id);
      if (!booking) return { result: 'ignored: no booking has this checkout session' } as const;
      const paid = {
        amount: session.amount_total ?? booking.amountCents,
        fee: Number(session.metadata?.platformFeeCents ?? 0) || 0,
        currency: (session.currency ?? booking.currency).toUpperCase(),
        stripePaymentId: idOf(session.payment_intent),
        stripeCustomerId: idOf(session.customer),
      };
      const paymentId = await repo.insertPayment(tx, {
        tenantId: booking.tenantId,
        bookingId: booking.id,
        amountCents: paid.amount,
        feeCents: paid.fee,
        currency: paid.currency,
        stripeCheckoutSessionId: session.id,
        stripePaymentId: paid.stripePaymentId,
        stripeCustomerId: paid.stripeCustomerId,
        stripeAccountId: event.account ?? null,
        now,
      });
      if (paymentId === undefined) return { result: 'duplicate' } as const;
      const ctx = await notifyContext(tx, booking.tenantId, booking.workshopId);

      let confirmed = booking.status === 'pending';
      if (confirmed) {
        await bookingsRepo.acceptBooking(tx, booking.tenantId, booking.id, { paid: true, now });
      } else if (booking.status === 'expired' || booking.status === 'failed') {
        // Paid after the hold ended: keep the booking if a seat is still free, never oversell.
        confirmed = await reacceptLate(tx, booking, now);
      }
      if (!confirmed) {
        const refund = await requestRefund(tx, { booking, reason: 'late_payment', now });
        return {
          result: 'refunding a late payment',
          tenantId: booking.tenantId,
          refundId: refund?.refundId,
        } as const;
      }
      const accepted = { ...booking, status: 'accepted', paid: true };
      await bookingsRepo.writeMessages(tx, booking.tenantId, booking.id, [
        {
          kind: WEBHOOK_KIND,
          payload: paymentCompletedEvent({
            now,
            tenant: ctx.tenant,
            payment: { id: paymentId, ...paid },
            booking,
            workshop: {
              id: booking.workshopId,
              title: ctx.workshop.title,
              immersioCourseId: ctx.workshop.immersioCourseId,
            },
          }),
        },
        ...bookingConfirmedMessages(ctx, accepted, { stripePaymentId: paid.stripePaymentId }),
      ]);
      return { result: 'confirmed', tenantId: booking.tenantId } as const;
    });
    if ('tenantId' in outcome && outcome.tenantId !== undefined) await settled([outcome.tenantId]);
    if ('refundId' in outcome && outcome.refundId !== undefined) await processRefundNow(outcome.refundId);
    return outcome.result;
  }

  async function reacceptLate(tx: Tx, booking: BookingRow, now: Date): Promise<boolean> {
    if (booking.sessionId === null) return false;
    try {
      // A savepoint, so a refused update leaves the transaction usable for the refund.
      return await tx.transaction((sp) =>
        bookingsRepo.reacceptLateBooking(sp, booking.tenantId, booking, now),
      );
    } catch (error) {
      // The same student booked the session again meanwhile: this payment is the extra one.
      if (uniqueViolation(error) !== undefined) return false;
      throw error;
    }
  }

  /** A checkout that ended unpaid: the held seat goes back. */
  async function endCheckout(session: Stripe.Checkout.Session, status: 'expired' | 'failed') {
    const now = deps.now();
    const tenantId = await deps.db.transaction(async (tx) => {
      const booking = await bookingsRepo.lockBookingByCheckout(tx, session.id);
      if (booking?.status !== 'pending') return undefined;
      await bookingsRepo.endBooking(tx, booking.tenantId, booking.id, { status, now });
      return booking.tenantId;
    });
    if (tenantId === undefined) return 'ignored: no held booking';
    await settled([tenantId]);
    return status;
  }

  /**
   * Records a full refund of the booking's payment and schedules it; returns undefined when
   * nothing was paid or a refund already exists. Call inside the transaction that decides it.
   */
  async function requestRefund(
    tx: Executor,
    input: { booking: BookingRow; reason: RefundReason; now: Date },
  ): Promise<{ refundId: number; amount: number; currency: string } | undefined> {
    const payment = await repo.findPayment(tx, input.booking.tenantId, input.booking.id);
    const amount = refundableCents(payment);
    if (!payment || amount <= 0) return undefined;
    const refundId = await repo.insertRefund(tx, {
      tenantId: input.booking.tenantId,
      bookingId: input.booking.id,
      paymentId: payment.id,
      amountCents: amount,
      currency: payment.currency,
      reason: input.reason,
      now: input.now,
    });
    // The safety net: if the immediate attempt after commit fails, the outbox retries it.
    await enqueue(tx, {
      kind: REFUND_KIND,
      tenantId: input.booking.tenantId,
      payload: { refundId },
      runAt: new Date(input.now.getTime() + REFUND_RETRY_DELAY_MS),
    });
    return { refundId, amount, currency: payment.currency };
  }

  /**
   * Sends the refund to Stripe (idempotency key per refund, so a retry or a concurrent attempt
   * returns the same Stripe refund) and records the outcome once, with what it tells people.
   * Throws on a transient failure so the outbox retries.
   */
  async function processRefund(refundId: number): Promise<RefundAttempt> {
    const job = await repo.findRefund(deps.db, refundId);
    if (!job) return { status: 'failed', stripeRefundId: null };
    if (job.status !== 'pending') return { status: job.status, stripeRefundId: job.stripeRefundId };
    let stripeRefund: Stripe.Refund;
    try {
      if (!job.stripePaymentId) throw new Error('the payment has no Stripe payment intent to refund');
      stripeRefund = await gateway().stripe.refunds.create(
        {
          payment_intent: job.stripePaymentId,
          amount: job.amountCents,
          reason: 'requested_by_customer',
          metadata: { bookingUid: job.bookingUid, refundId: String(job.id), reason: job.reason },
        },
        {
          idempotencyKey: `refund-${job.id}`,
          ...(job.stripeAccountId && { stripeAccount: job.stripeAccountId }),
        },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!isPermanentStripeError(error) && job.stripePaymentId) {
        await repo.countRefundAttempt(deps.db, job.tenantId, job.id, message);
        throw error;
      }
      log.error({ refundId, err: error }, 'refund refused by Stripe');
      await finishRefund(job, { ok: false, message });
      return { status: 'failed', stripeRefundId: null };
    }
    await finishRefund(job, { ok: true, stripeRefundId: stripeRefund.id });
    return { status: 'succeeded', stripeRefundId: stripeRefund.id };
  }

  async function finishRefund(
    job: repo.RefundJob,
    result: { ok: true; stripeRefundId: string } | { ok: false; message: string },
  ) {
    const now = deps.now();
    const changed = await deps.db.transaction(async (tx) => {
      const done = result.ok
        ? await repo.completeRefund(tx, job.tenantId, job.id, result.stripeRefundId, now)
        : await repo.failRefund(tx, job.tenantId, job.id, result.message, now);
      if (!done) return false;
      const booking = await bookingsRepo.lockBooking(tx, job.tenantId, job.bookingId);
      if (!booking) return true;
      const ctx = await notifyContext(tx, job.tenantId, booking.workshopId);
      const refund: RefundOutcome = {
        eligible: true,
        withinWindow: withinWindow(booking, ctx),
        status: result.ok ? 'completed' : 'failed',
        amount: job.amountCents,
        currency: job.currency,
        stripeRefundId: result.ok ? result.stripeRefundId : null,
      };
      const messages =
        job.reason === 'late_payment'
          ? result.ok
            ? lateRefundMessages(ctx, booking, { amount: job.amountCents, currency: job.currency })
            : []
          : job.reason === 'admin'
            ? refundIssuedMessages(ctx, booking, refund)
            : bookingCancelledMessages(
                ctx,
                { ...booking, cancelledAt: booking.cancelledAt ?? now },
                {
                  by: (booking.cancelledBy as 'student' | 'teacher' | 'admin' | null) ?? 'admin',
                  reason: booking.cancellationReason,
                  refund,
                },
              );
      await bookingsRepo.writeMessages(tx, job.tenantId, booking.id, messages);
      return true;
    });
    if (changed) deps.wakeOutbox();
  }

  /** After a commit that requested a refund: try it now; the outbox retries if this fails. */
  async function processRefundNow(refundId: number): Promise<RefundAttempt> {
    try {
      return await processRefund(refundId);
    } catch (error) {
      log.warn({ refundId, err: error }, 'refund failed for now; the outbox retries it');
      return { status: 'pending', stripeRefundId: null };
    }
  }

  return {
    /** Whether this server can take payments at all (a Stripe key or the emulator). */
    get available() {
      return deps.gateway !== undefined;
    },
    get testMode() {
      return deps.gateway?.testMode ?? false;
    },

    /**
     * Checks with Stripe that the account exists and is connected to this platform; a refusal
     * is a VALIDATION_ERROR naming the field. Without Stripe configured there is nothing to ask.
     */
    async verifyAccount(accountId: string): Promise<void> {
      if (!deps.gateway) return;
      try {
        const account = await deps.gateway.stripe.accounts.retrieve(accountId);
        if (account.id !== accountId) throw new Error(`Stripe answered for ${account.id}`);
      } catch (error) {
        if (isPermanentStripeError(error)) {
          throw new AppError(
            'VALIDATION_ERROR',
            'stripeAccountId: Stripe does not know this account, or it is not connected to this platform',
            { cause: error, issues: [{ path: 'stripeAccountId', message: 'unknown or not connected' }] },
          );
        }
        throw error;
      }
    },

    async createCheckout(input: {
      tenant: BookingTenant;
      booking: { uid: string; title: string; amountCents: number; currency: string; attendeeEmail: string };
      expiresAt: Date;
      feeCents: number;
      successUrl: string;
      cancelUrl: string;
    }): Promise<{ id: string; url: string }> {
      const { stripe } = gateway();
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.booking.currency.toLowerCase(),
                unit_amount: input.booking.amountCents,
                product_data: { name: input.booking.title },
              },
            },
          ],
          customer_email: input.booking.attendeeEmail,
          client_reference_id: input.booking.uid,
          expires_at: Math.floor(input.expiresAt.getTime() / 1000),
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          metadata: {
            bookingUid: input.booking.uid,
            tenantId: String(input.tenant.id),
            platformFeeCents: String(input.feeCents),
          },
          payment_intent_data: {
            metadata: { bookingUid: input.booking.uid },
            ...(input.feeCents > 0 && { application_fee_amount: input.feeCents }),
          },
        },
        { idempotencyKey: `checkout-${input.booking.uid}`, stripeAccount: input.tenant.stripeAccountId! },
      );
      if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
      return { id: session.id, url: session.url };
    },

    /** POST /api/v1/webhooks/stripe: verified over the raw body, then applied once. */
    async handleWebhook(rawBody: Buffer, signature: string | undefined): Promise<string> {
      const { stripe, webhookSecret } = gateway();
      // Real time, as the SDK's own check of old signatures uses.
      const event = verifyStripeEvent({
        stripe,
        rawBody,
        signature,
        secret: webhookSecret,
        nowMs: Date.now(),
      });
      switch (event.type) {
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded': {
          const session = event.data.object;
          // Delayed payment methods complete unpaid first; async_payment_succeeded follows.
          if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
            return 'waiting for the payment';
          }
          return completeCheckout(event, session);
        }
        case 'checkout.session.expired':
          return endCheckout(event.data.object, 'expired');
        case 'checkout.session.async_payment_failed':
          return endCheckout(event.data.object, 'failed');
        default:
          return `ignored: ${event.type}`;
      }
    },

    requestRefund,
    processRefund,
    processRefundNow,

    /** The outbox handler for refunds. */
    async refundHandler(payload: unknown) {
      const refundId = (payload as { refundId?: number } | null)?.refundId;
      if (typeof refundId !== 'number')
        throw Object.assign(new Error('bad refund payload'), { permanent: true });
      await processRefund(refundId);
    },

    /** The outbox handler that closes the Stripe checkout of a hold that ended on our side. */
    async expireCheckoutHandler(payload: unknown, ctx: { tenantId: number | null }) {
      const bookingId = (payload as { bookingId?: number } | null)?.bookingId;
      if (typeof bookingId !== 'number' || ctx.tenantId === null) return;
      const booking = await bookingsRepo.lockBooking(deps.db, ctx.tenantId, bookingId);
      if (!booking?.stripeCheckoutSessionId || booking.status === 'pending' || booking.status === 'accepted')
        return;
      const tenant = await bookingsRepo.findTenantById(deps.db, ctx.tenantId);
      try {
        await gateway().stripe.checkout.sessions.expire(
          booking.stripeCheckoutSessionId,
          {},
          tenant?.stripeAccountId ? { stripeAccount: tenant.stripeAccountId } : {},
        );
      } catch (error) {
        // Already expired or completed (a completed one arrives as a late payment): nothing to do.
        if (isPermanentStripeError(error)) return;
        throw error;
      }
    },
  };

  function withinWindow(booking: BookingRow, ctx: NotifyContext): boolean {
    const at = booking.cancelledAt ?? deps.now();
    return cancellationTerms(at, booking.startTime, ctx.workshop).withinRefundWindow;
  }
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}
