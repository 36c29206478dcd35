import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { recordLanguage } from '../../lib/i18n/record-language.ts';
import { type CoveringPass, findCoveringPasses } from '../passes/pass-credits.ts';
import { PLANS } from '../tenants/plans.ts';
import { bookingAnswersOrThrow } from '../workshops/booking-answers.ts';
import { storedQuestions } from '../workshops/question-settings.ts';
import { findBookableSession } from './bookable-session.ts';
import { admitBooking, monthlyAllowance } from './booking-admission.ts';
import { notifyContext } from './booking-notify-context.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { bookingConfirmedMessages, manageUrl } from './notifications.ts';
import { holdExpiry, startPaidCheckout } from './paid-booking-checkout.ts';
import { payWithPass } from './pay-with-pass.ts';
import { reserveSlotSeries } from './reserve-slot-series.ts';
import { announceSeatChanges } from './seat-changes.ts';
import { reserveBookingSeat } from './seat-reservation.ts';
import type { NewBooking } from './seats.repo.ts';
import { reserveSlotBookingSeat } from './slot-reservation.ts';

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
  /** False: pay at checkout even when a class pass could pay (default: a pass pays when it can). */
  usePass?: boolean | undefined;
  /** The answers to the workshop's questions by question id, unchecked (see booking-answers.ts). */
  answers?: unknown;
  /** The language the student books in (issue 18); none: the school's default. */
  language?: string | undefined;
}

export type CreateBookingDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'bus' | 'logger' | 'now' | 'wakeOutbox' | 'payments' | 'catalog'
>;

const newUid = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

/**
 * Books a seat: free bookings are confirmed by the statement that takes the seat; paid ones hold
 * it while the student pays at Stripe Checkout, and Stripe's webhook confirms them. A recurring
 * slot-booked workshop books every occurrence of the series at once, one booking each (the first
 * is the one answered and paid for: one checkout for the whole series). A student's class pass
 * pays instead when it can: its credits (one per booking) are taken in the transaction that takes
 * the seats, and the booking is confirmed at once; a pass that loses a race for its last credit
 * leaves the student paying at checkout as usual.
 */
export async function createBooking(deps: CreateBookingDeps, input: CreateBookingInput) {
  const now = deps.now();
  const { tenant, workshop: slot, target } = await findBookableSession(deps, input, now);
  const answers = bookingAnswersOrThrow(storedQuestions(slot.questions), input.answers);
  const email = input.attendee.email.trim().toLowerCase();
  const immersioStudentId = input.immersioStudentId?.trim() || undefined;
  const { paid } = await admitBooking(deps, { tenant, workshop: slot, email, immersioStudentId });

  const occurrences =
    target.kind === 'slot'
      ? target.occurrences.map((o) => ({ startTime: o.slot.startTime, endTime: o.slot.endTime }))
      : [{ startTime: target.session.startTime, endTime: target.session.endTime }];
  const seriesUid = occurrences.length > 1 ? newUid('series') : null;
  const ctx = notifyContext(deps.env, tenant, slot, now);
  const language = recordLanguage(input.language, tenant);
  const plan = PLANS[tenant.plan];
  const allowance = monthlyAllowance(plan, tenant.timeZone, now);
  // Held for checkout, confirmed free, or confirmed on a pass's credits (amount 0, paid: the pass).
  const prepare = (pass: CoveringPass | undefined) => {
    const held = paid && !pass;
    const holdExpiresAt = held ? holdExpiry(now) : null;
    return occurrences.map((times, index) => {
      const booking: Omit<NewBooking, 'sessionId'> = {
        uid: newUid('booking'),
        tenantId: tenant.id,
        workshopId: slot.workshopId,
        title: slot.title,
        ...times,
        status: held ? 'pending' : 'accepted',
        paid: pass !== undefined,
        attendeeEmail: email,
        attendeeName: input.attendee.name.trim(),
        attendeeTimeZone: input.attendee.timeZone,
        amountCents: pass ? 0 : slot.priceCents,
        currency: slot.currency,
        immersioStudentId: immersioStudentId ?? null,
        registrationSource: input.registrationSource ?? 'public',
        holdExpiresAt,
        seriesUid,
        answers,
        language,
        now,
      };
      const messages = held
        ? []
        : bookingConfirmedMessages(
            ctx,
            { ...booking, paid: pass !== undefined, passUid: pass?.uid },
            { stripePaymentId: null, emails: index === 0 },
          );
      return { booking, messages };
    });
  };
  const reserve = async (db: Database, made: ReturnType<typeof prepare>): Promise<number[]> => {
    if (target.kind === 'session') {
      const [{ booking, messages }] = made as [(typeof made)[number]];
      return [
        await reserveBookingSeat(
          { db },
          { booking: { ...booking, sessionId: target.session.id }, messages, plan, allowance },
        ),
      ];
    }
    const slotBookings = made.map(({ booking, messages }, i) => ({
      booking: { ...booking, ...target.occurrences[i]! },
      messages,
    }));
    const taken =
      slotBookings.length === 1
        ? [await reserveSlotBookingSeat({ db }, { ...slotBookings[0]!, plan, allowance })]
        : await reserveSlotSeries({ db }, { bookings: slotBookings, plan, allowance });
    return taken.map((t) => t.id);
  };

  const passes =
    paid && input.usePass !== false
      ? await findCoveringPasses(deps.db, {
          tenantId: tenant.id,
          email,
          immersioStudentId,
          workshopId: slot.workshopId,
          credits: occurrences.length,
          now,
        })
      : [];
  const covered = await payWithPass(deps.db, {
    tenantId: tenant.id,
    candidates: passes,
    credits: occurrences.length,
    now,
    reserve: async (tx, pass) => {
      const made = prepare(pass);
      return { made, ids: await reserve(tx, made) };
    },
  });
  const made = covered?.made ?? prepare(undefined);
  const ids = covered?.ids ?? (await reserve(deps.db, made));
  const pass = covered?.pass;
  const held = paid && !pass;
  await announceSeatChanges(deps, [tenant.id], !held);

  const first = made[0]!.booking;
  const link = manageUrl(deps.env, first.uid);
  const view = (b: typeof first) => ({
    uid: b.uid,
    title: slot.title,
    startTime: b.startTime,
    endTime: b.endTime,
    paid: pass !== undefined,
  });
  const status = held ? ('pending' as const) : ('accepted' as const);
  // A series answers its other occurrences beside the first, each with its own manage link.
  const series = seriesUid
    ? {
        series: {
          uid: seriesUid,
          bookings: made.map(({ booking }) => ({
            ...view(booking),
            status,
            manageUrl: manageUrl(deps.env, booking.uid),
          })),
        },
      }
    : {};
  if (!held) {
    // Beyond the spec: the pass that paid, with what is left on it.
    const paidBy = pass && {
      pass: {
        uid: pass.uid,
        name: pass.name,
        creditsRemaining: pass.creditsRemaining,
        expiresAt: pass.expiresAt,
      },
    };
    return { booking: { ...view(first), status }, payment: null, manageUrl: link, ...series, ...paidBy };
  }

  const amount = slot.priceCents * made.length;
  const checkout = await startPaidCheckout(deps, {
    tenant,
    plan,
    booking: {
      ...first,
      id: ids[0]!,
      amountCents: amount,
      title: seriesUid ? `${slot.title} (${made.length} sessions)` : slot.title,
    },
    heldIds: ids,
    expiresAt: first.holdExpiresAt!,
    manageUrl: link,
  });
  return {
    booking: { ...view(first), status },
    payment: { checkoutUrl: checkout.url, amount, currency: slot.currency, expiresAt: first.holdExpiresAt! },
    manageUrl: link,
    ...series,
  };
}
