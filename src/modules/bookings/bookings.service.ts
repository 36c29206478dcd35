import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Database, Executor } from '../../db/client.ts';
import { uniqueViolation } from '../../db/errors.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { enqueue } from '../outbox/outbox.repo.ts';
import type { RefundReason } from '../payments/payments.repo.ts';
import { EXPIRE_CHECKOUT_KIND, type PaymentsService } from '../payments/payments.service.ts';
import { LOCATION_LABELS } from '../public/public.service.ts';
import { assertWithinLimit, PLANS } from '../tenants/plans.ts';
import type { BookingCatalog } from './booking-catalog.ts';
import type { BookableWorkshop, BookingRow, BookingTenant } from './bookings.repo.ts';
import * as repo from './bookings.repo.ts';
import type { RefundOutcome } from './events.ts';
import { isManageToken } from './manage-token.ts';
import {
  bookingCancelledMessages,
  bookingConfirmedMessages,
  manageUrl,
  revealedLocation,
} from './notifications.ts';
import { cancellationTerms, hours } from './policy.ts';
import { cancellationRefundsPayment } from './refund-rule.ts';
import { sessionCancellationBy, staffRoleOn } from './staff-access.ts';

/** How long a paid booking holds its seat while the student is at Stripe Checkout. */
export const HOLD_MS = 30 * 60_000;
// Stripe refuses a checkout that expires less than 30 minutes after it receives the request;
// the margin absorbs the request's travel time and clock skew.
const CHECKOUT_MARGIN_MS = 60_000;

export interface BookingsDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
  wakeOutbox: () => void;
  payments: PaymentsService;
  catalog: BookingCatalog;
}

export interface CreateBookingInput {
  tenantSlug: string;
  workshopSlug: string;
  startTime: Date;
  attendee: { name: string; email: string; timeZone: string };
  /**
   * The student's Immersio id, which can satisfy a whitelist by itself. Callers pass only an id
   * they have verified (the public API: the "Sign in with Immersio" session), never one a client
   * merely claims.
   */
  immersioStudentId?: string | undefined;
  registrationSource?: string;
}

const monthStarts = new Map<string, { start: Date; end: number }>();

/**
 * The start of `now`'s month in `zone` (the allowance's period), remembered per zone until the
 * month ends: luxon's zone arithmetic on every request was a visible share of a refusal's CPU.
 */
function monthStart(now: Date, zone: string): Date {
  const known = monthStarts.get(zone);
  if (known && known.start.getTime() <= now.getTime() && now.getTime() < known.end) return known.start;
  const start = DateTime.fromJSDate(now, { zone }).startOf('month');
  monthStarts.set(zone, { start: start.toJSDate(), end: start.plus({ months: 1 }).toMillis() });
  return start.toJSDate();
}

/** Would the reservation's gate let this attempt at the seat row (see `repo.reserveSeat`)? */
function looksOpen(state: repo.SeatState, now: Date): boolean {
  return (
    state.free > 0 &&
    state.status === 'scheduled' &&
    new Date(state.startTime) > now &&
    state.workshopStatus === 'active'
  );
}

export type Actor = { tenantId: number; actorId: number; role: 'OWNER' | 'ADMIN' | 'MEMBER' };

export function createBookingsService(deps: BookingsDeps) {
  const { db, env } = deps;

  function context(tenant: BookingTenant, workshop: BookableWorkshop, now: Date) {
    return { env, now, tenant, workshop, staffTimeZone: tenant.timeZone };
  }

  async function changed(tenantId: number, wake: boolean) {
    await deps.bus.publish({ type: 'seats', tenantId });
    if (wake) deps.wakeOutbox();
  }

  /**
   * Cancels one live booking inside `tx`: the seat goes back at once, a paid booking gets a
   * refund request (whose completion sends BOOKING_CANCELLED and the e-mails), an unpaid one
   * sends them now.
   */
  async function cancelInTx(
    tx: Executor,
    input: {
      booking: BookingRow;
      tenant: BookingTenant;
      workshop: BookableWorkshop;
      by: 'student' | 'teacher' | 'admin';
      reason: string | null;
      refundDue: boolean;
      withinWindow: boolean;
      refundReason: RefundReason;
      now: Date;
    },
  ): Promise<{ refund: RefundOutcome; refundId?: number }> {
    const { booking, now } = input;
    await repo.endBooking(tx, booking.tenantId, booking.id, {
      status: 'cancelled',
      now,
      cancelledBy: input.by,
      reason: input.reason,
    });
    if (booking.status === 'pending' && booking.stripeCheckoutSessionId) {
      await enqueue(tx, {
        kind: EXPIRE_CHECKOUT_KIND,
        tenantId: booking.tenantId,
        payload: { bookingId: booking.id },
      });
    }
    const requested = cancellationRefundsPayment(booking, input.refundDue)
      ? await deps.payments.requestRefund(tx, { booking, reason: input.refundReason, now })
      : undefined;
    if (requested) {
      return {
        refundId: requested.refundId,
        refund: {
          eligible: true,
          withinWindow: input.withinWindow,
          status: 'pending',
          amount: requested.amount,
          currency: requested.currency,
          stripeRefundId: null,
        },
      };
    }
    const refund: RefundOutcome = {
      eligible: false,
      withinWindow: input.withinWindow,
      status: 'not_applicable',
      amount: 0,
      currency: booking.currency,
      stripeRefundId: null,
    };
    const seatsLeft =
      booking.sessionId === null ? undefined : await repo.seatsLeft(tx, booking.tenantId, booking.sessionId);
    await repo.writeMessages(
      tx,
      booking.tenantId,
      booking.id,
      bookingCancelledMessages(
        context(input.tenant, input.workshop, now),
        { ...booking, cancelledAt: now },
        { by: input.by, reason: input.reason, refund, ...(seatsLeft !== undefined && { seatsLeft }) },
      ),
    );
    return { refund };
  }

  /** Runs the refunds a committed cancellation requested and reports the latest state. */
  async function settleRefund(outcome: { refund: RefundOutcome; refundId?: number }): Promise<RefundOutcome> {
    if (outcome.refundId === undefined) return outcome.refund;
    const { status, stripeRefundId } = await deps.payments.processRefundNow(outcome.refundId);
    return { ...outcome.refund, status: status === 'succeeded' ? 'completed' : status, stripeRefundId };
  }

  /**
   * The error for a seat the database refused. The attempt's state is its statement's snapshot:
   * it explains a refusal the gate made; when the snapshot showed a free seat and the update
   * still found none, the session changed meanwhile and is read again.
   */
  async function refusal(
    attempt: repo.SeatAttempt | undefined,
    ids: { tenantId: number; sessionId: number },
    now: Date,
  ): Promise<AppError> {
    const state =
      attempt && !looksOpen(attempt, now) ? attempt : await repo.seatRefusal(db, ids.tenantId, ids.sessionId);
    if (state?.workshopStatus !== 'active') return new AppError('WORKSHOP_NOT_FOUND');
    if (state.status !== 'scheduled') return new AppError('BOOKING_CLOSED', 'This session was cancelled');
    if (new Date(state.startTime) <= now)
      return new AppError('BOOKING_CLOSED', 'This session has already started');
    return new AppError('NO_SEATS_AVAILABLE', 'This session is fully booked');
  }

  async function loadForStudent(uid: string, token: string) {
    const booking = await repo.findBookingByUid(db, uid);
    // A wrong token looks exactly like a missing booking.
    if (!booking || !isManageToken(env.APP_SECRET, uid, token)) throw new AppError('BOOKING_NOT_FOUND');
    return booking;
  }

  return {
    /** The id of the tenant a booking for `tenantSlug` goes to (from the booking catalogue), if any. */
    async tenantIdBySlug(tenantSlug: string): Promise<number | undefined> {
      return (await deps.catalog.tenant(tenantSlug))?.id;
    },

    async create(input: CreateBookingInput) {
      const now = deps.now();
      const tenant = await deps.catalog.tenant(input.tenantSlug);
      if (!tenant) throw new AppError('TENANT_NOT_FOUND');
      const slot = await deps.catalog.workshop(tenant.id, input.workshopSlug);
      if (slot?.status !== 'active') throw new AppError('WORKSHOP_NOT_FOUND');
      const session = slot.sessions.get(input.startTime.getTime());
      if (!session) {
        throw new AppError(
          'NOT_FOUND',
          `No session of "${slot.title}" starts at ${input.startTime.toISOString()}; see the workshop's schedule`,
        );
      }
      const { startTime, endTime } = session;
      if (session.status !== 'scheduled') throw new AppError('BOOKING_CLOSED', 'This session was cancelled');
      if (startTime <= now) throw new AppError('BOOKING_CLOSED', 'This session has already started');

      const email = input.attendee.email.trim().toLowerCase();
      const immersioStudentId = input.immersioStudentId?.trim() || undefined;
      if (
        slot.whitelistEnabled &&
        !(await repo.isWhitelisted(db, tenant.id, slot.workshopId, email, immersioStudentId))
      ) {
        throw new AppError('WHITELIST_DENIED', `${email} is not on the list of students for this workshop`);
      }
      const paid = slot.priceCents > 0;
      if (paid && (!deps.payments.available || !tenant.stripeAccountId)) {
        throw new AppError('STRIPE_NOT_CONFIGURED', `${tenant.name} cannot take payments yet`);
      }

      const uid = `booking_${randomBytes(10).toString('hex')}`;
      const holdExpiresAt = paid ? new Date(now.getTime() + HOLD_MS + CHECKOUT_MARGIN_MS) : null;
      const booking: repo.NewBooking = {
        uid,
        tenantId: tenant.id,
        workshopId: slot.workshopId,
        sessionId: session.id,
        title: slot.title,
        startTime,
        endTime,
        status: paid ? 'pending' : 'accepted',
        attendeeEmail: email,
        attendeeName: input.attendee.name.trim(),
        attendeeTimeZone: input.attendee.timeZone,
        amountCents: slot.priceCents,
        currency: slot.currency,
        immersioStudentId: immersioStudentId ?? null,
        registrationSource: input.registrationSource ?? 'public',
        holdExpiresAt,
        now,
      };
      // Free: confirmed in the same statement that takes the seat. Paid: confirmed by Stripe's webhook.
      const messages = paid
        ? []
        : bookingConfirmedMessages(
            context(tenant, slot, now),
            { ...booking, paid: false },
            { stripePaymentId: null },
          );

      const plan = PLANS[tenant.plan];
      const allowance =
        plan.maxBookingsPerMonth === -1
          ? undefined
          : {
              max: plan.maxBookingsPerMonth,
              since: monthStart(now, tenant.timeZone),
            };
      const reserve = async () => {
        try {
          return await repo.reserveSeat(db, booking, messages, allowance);
        } catch (error) {
          if (uniqueViolation(error) === 'bookings_session_email_live_uq') {
            throw new AppError('CONFLICT', `${email} already has a seat in this session`);
          }
          throw error;
        }
      };
      // Lapsed holds are given back only when they stand between this student and a seat.
      let attempt = await reserve();
      if (attempt?.id == null && attempt?.lapsed) {
        if ((await repo.releaseLapsedHolds(db, tenant.id, session.id, now)) > 0) attempt = await reserve();
      }
      if (attempt?.id == null) {
        // A seat looked free but the allowance was used up (the only time it is counted).
        if (attempt?.allowanceUsed != null) {
          assertWithinLimit(plan, 'maxBookingsPerMonth', attempt.allowanceUsed);
        }
        throw await refusal(attempt, { tenantId: tenant.id, sessionId: session.id }, now);
      }
      const row = { id: attempt.id };
      await changed(tenant.id, !paid);

      const link = manageUrl(env, uid);
      const view = { uid, title: slot.title, startTime, endTime, paid: false };
      if (!paid) return { booking: { ...view, status: 'accepted' as const }, payment: null, manageUrl: link };

      let checkout: { id: string; url: string };
      try {
        checkout = await deps.payments.createCheckout({
          tenant,
          booking: {
            uid,
            title: slot.title,
            amountCents: slot.priceCents,
            currency: slot.currency,
            attendeeEmail: email,
          },
          expiresAt: holdExpiresAt!,
          feeCents: Math.round((slot.priceCents * plan.platformFeeBps) / 10_000),
          successUrl: `${link}&checkout=success`,
          cancelUrl: `${link}&checkout=cancelled`,
        });
      } catch (error) {
        deps.logger.warn({ err: error, bookingUid: uid }, 'Stripe checkout could not be created');
        await repo.endBooking(db, tenant.id, row.id, { status: 'failed', now: deps.now() });
        await changed(tenant.id, false);
        throw new AppError('PAYMENT_FAILED', 'The payment could not be started; please try again', {
          cause: error,
        });
      }
      await repo.setCheckout(db, tenant.id, row.id, checkout);
      return {
        booking: { ...view, status: 'pending' as const },
        payment: {
          checkoutUrl: checkout.url,
          amount: slot.priceCents,
          currency: slot.currency,
          expiresAt: holdExpiresAt!,
        },
        manageUrl: link,
      };
    },

    /** What the manage link shows: the booking, where it happens (once confirmed) and the policy now. */
    async getForStudent(uid: string, token: string) {
      const booking = await loadForStudent(uid, token);
      const [tenant, workshop, refund] = await Promise.all([
        repo.findTenantById(db, booking.tenantId),
        repo.findWorkshopById(db, booking.tenantId, booking.workshopId),
        repo.latestRefund(db, booking.tenantId, booking.id),
      ]);
      const now = deps.now();
      const terms = cancellationTerms(now, booking.startTime, workshop!);
      const live = booking.status === 'pending' || booking.status === 'accepted';
      const canCancel = live && terms.allowed && booking.startTime > now;
      return {
        booking: {
          uid: booking.uid,
          status: booking.status,
          title: booking.title,
          startTime: booking.startTime,
          endTime: booking.endTime,
          paid: booking.paid,
          attendee: {
            name: booking.attendeeName,
            email: booking.attendeeEmail,
            timeZone: booking.attendeeTimeZone,
          },
          cancelledAt: booking.cancelledAt,
          cancelledBy: booking.cancelledBy,
          cancellationReason: booking.cancellationReason,
        },
        tenant: { name: tenant!.name, slug: tenant!.slug },
        workshop: {
          title: workshop!.title,
          slug: workshop!.slug,
          duration: workshop!.duration,
          teacher: { name: workshop!.teacherName },
          bookingUrl: workshopBookingUrl(env, tenant!.slug, workshop!.teacherName, workshop!.slug),
          // The meeting link or address only for a confirmed seat.
          location:
            booking.status === 'accepted'
              ? revealedLocation(workshop!.locations)
              : {
                  type: workshop!.locations[0]?.type ?? 'link',
                  value: LOCATION_LABELS[workshop!.locations[0]?.type ?? ''] ?? '',
                },
        },
        payment:
          booking.amountCents > 0
            ? {
                amount: booking.amountCents,
                currency: booking.currency,
                status: booking.paid ? 'paid' : booking.status === 'pending' ? 'awaiting_payment' : 'unpaid',
                checkoutUrl: booking.status === 'pending' ? booking.checkoutUrl : null,
                expiresAt: booking.status === 'pending' ? booking.holdExpiresAt : null,
              }
            : null,
        refund: refund
          ? {
              status: refund.status === 'succeeded' ? ('completed' as const) : refund.status,
              amount: refund.amount,
              currency: refund.currency,
            }
          : null,
        cancellation: {
          allowed: canCancel,
          deadline: terms.deadline,
          refundEligible: canCancel && booking.paid && terms.withinRefundWindow,
          refundDeadline: terms.refundDeadline,
          refundAmount: canCancel && booking.paid && terms.withinRefundWindow ? booking.amountCents : 0,
          policy: {
            cancellationNoticeHours: workshop!.cancellationNoticeHours,
            refundWindowHours: workshop!.refundWindowHours,
          },
        },
      };
    },

    /** The student's cancellation through the manage link, within the workshop's policy. */
    async cancelByStudent(input: { uid: string; token: string; reason?: string | undefined }) {
      const found = await loadForStudent(input.uid, input.token);
      const now = deps.now();
      const tenant = (await repo.findTenantById(db, found.tenantId))!;
      const workshop = (await repo.findWorkshopById(db, found.tenantId, found.workshopId))!;
      const outcome = await db.transaction(async (tx) => {
        const booking = (await repo.lockBookingByUid(tx, found.tenantId, found.uid))!;
        if (booking.status === 'cancelled') return { already: booking, result: undefined };
        if (booking.status !== 'pending' && booking.status !== 'accepted') {
          throw new AppError(
            'CANCELLATION_CLOSED',
            `This booking is ${booking.status}; there is nothing to cancel`,
          );
        }
        const terms = cancellationTerms(now, booking.startTime, workshop);
        if (!terms.allowed) {
          throw new AppError(
            'CANCELLATION_CLOSED',
            `Bookings for "${workshop.title}" can be cancelled online until ${hours(workshop.cancellationNoticeHours)} before the start (${terms.deadline.toISOString()}); please contact ${tenant.name}`,
          );
        }
        const result = await cancelInTx(tx, {
          booking,
          tenant,
          workshop,
          by: 'student',
          reason: input.reason?.trim() || null,
          refundDue: terms.withinRefundWindow,
          withinWindow: terms.withinRefundWindow,
          refundReason: 'student_cancelled',
          now,
        });
        return { already: undefined, booking, result };
      });
      if (outcome.result === undefined) {
        return {
          booking: {
            uid: outcome.already.uid,
            status: 'cancelled' as const,
            cancelledAt: outcome.already.cancelledAt!,
          },
          refund: null,
        };
      }
      await changed(found.tenantId, true);
      return {
        booking: { uid: found.uid, status: 'cancelled' as const, cancelledAt: now },
        refund: await settleRefund(outcome.result),
      };
    },

    /** Staff cancel one booking: always with a full refund of what was paid. */
    async cancelByStaff(actor: Actor & { bookingId: number; reason?: string | undefined }) {
      const now = deps.now();
      const outcome = await db.transaction(async (tx) => {
        const booking = await repo.lockBooking(tx, actor.tenantId, actor.bookingId);
        if (!booking) throw new AppError('BOOKING_NOT_FOUND');
        const workshop = (await repo.findWorkshopById(tx, actor.tenantId, booking.workshopId))!;
        const by = staffRoleOn(actor, workshop.teacherId);
        if (booking.status !== 'pending' && booking.status !== 'accepted') {
          throw new AppError('CONFLICT', `This booking is already ${booking.status}`);
        }
        const tenant = (await repo.findTenantById(tx, actor.tenantId))!;
        const terms = cancellationTerms(now, booking.startTime, workshop);
        const result = await cancelInTx(tx, {
          booking,
          tenant,
          workshop,
          by,
          reason: actor.reason?.trim() || null,
          refundDue: true,
          withinWindow: terms.withinRefundWindow,
          refundReason: 'staff_cancelled',
          now,
        });
        return { booking, result };
      });
      await changed(actor.tenantId, true);
      return {
        success: true,
        booking: {
          id: outcome.booking.id,
          uid: outcome.booking.uid,
          status: 'cancelled' as const,
          cancelledAt: now,
        },
        refund: await settleRefund(outcome.result),
      };
    },

    /** Staff cancel a whole session: every live booking cancelled and refunded, the session closed. */
    async cancelSession(actor: Actor & { sessionId: number; reason?: string | undefined }) {
      const now = deps.now();
      const outcome = await db.transaction(async (tx) => {
        const session = await repo.lockSession(tx, actor.tenantId, actor.sessionId);
        if (!session) throw new AppError('NOT_FOUND', 'Session not found');
        const workshop = (await repo.findWorkshopById(tx, actor.tenantId, session.workshopId))!;
        const by = sessionCancellationBy(actor, { status: session.status, teacherId: workshop.teacherId });
        const tenant = (await repo.findTenantById(tx, actor.tenantId))!;
        const bookings = await repo.liveBookingsOfSession(tx, actor.tenantId, actor.sessionId, {
          lock: true,
        });
        const results = [];
        for (const booking of bookings) {
          const terms = cancellationTerms(now, booking.startTime, workshop);
          results.push(
            await cancelInTx(tx, {
              booking,
              tenant,
              workshop,
              by,
              reason: actor.reason?.trim() || null,
              refundDue: true,
              withinWindow: terms.withinRefundWindow,
              refundReason: 'session_cancelled',
              now,
            }),
          );
        }
        await repo.markSessionCancelled(tx, actor.tenantId, actor.sessionId);
        return results;
      });
      // The schedule changed, not only seats: the booking catalogue reloads the sessions.
      await deps.bus.publish({ type: 'catalog', tenantId: actor.tenantId });
      deps.wakeOutbox();
      const refunds = await Promise.all(outcome.map(settleRefund));
      return {
        success: true,
        cancelledBookings: outcome.length,
        refundsIssued: refunds.filter((r) => r.status === 'completed' || r.status === 'pending').length,
      };
    },

    /** An admin refunds an accepted or cancelled booking; outside the policy only with `force`. */
    async refund(actor: Actor & { bookingId: number; force?: boolean | undefined }) {
      const now = deps.now();
      const outcome = await db.transaction(async (tx) => {
        const booking = await repo.lockBooking(tx, actor.tenantId, actor.bookingId);
        if (!booking) throw new AppError('BOOKING_NOT_FOUND');
        if (booking.status !== 'accepted' && booking.status !== 'cancelled') {
          throw new AppError('REFUND_NOT_ELIGIBLE', `A ${booking.status} booking has no payment to refund`);
        }
        if (!booking.paid) throw new AppError('REFUND_NOT_ELIGIBLE', 'Nothing was paid for this booking');
        const workshop = (await repo.findWorkshopById(tx, actor.tenantId, booking.workshopId))!;
        const at = booking.status === 'cancelled' ? (booking.cancelledAt ?? now) : now;
        const terms = cancellationTerms(at, booking.startTime, workshop);
        if (!terms.withinRefundWindow && !actor.force) {
          throw new AppError(
            'REFUND_NOT_ELIGIBLE',
            `Outside the refund window: refunds are due until ${hours(workshop.refundWindowHours)} before the start (${terms.refundDeadline.toISOString()}); pass force: true to refund anyway`,
          );
        }
        const requested = await deps.payments.requestRefund(tx, { booking, reason: 'admin', now });
        if (!requested) throw new AppError('REFUND_NOT_ELIGIBLE', 'This booking has already been refunded');
        return requested;
      });
      const { status } = await deps.payments.processRefundNow(outcome.refundId);
      return {
        success: status !== 'failed',
        refund: {
          id: outcome.refundId,
          status,
          amount: outcome.amount,
          currency: outcome.currency,
        },
      };
    },

    /** Releases every lapsed hold (their webhook never came); returns how many. */
    async sweepHolds(batch = 500): Promise<number> {
      const released = await repo.sweepLapsedHolds(db, deps.now(), batch);
      for (const { tenantId } of released) await deps.bus.publish({ type: 'seats', tenantId });
      if (released.length > 0) deps.wakeOutbox();
      return released.reduce((sum, r) => sum + r.released, 0);
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
