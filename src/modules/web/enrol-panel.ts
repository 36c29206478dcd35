import type { AppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import { type Translator, translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { enrolmentPrice } from '../bookings/enrolments/enrolment-price.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { WorkshopPageFacts } from '../public/workshop-page-facts.ts';
import type { BookingQuestion } from '../workshops/procedures/workshop-questions.schema.ts';
import { slotTime } from './booking-site.ts';
import { answersRefusal, checkoutRefusal, type FormRefusal, refused } from './checkout-refusal.ts';

// The workshop page's whole-course offer (issue 16): the booking form's session chooser gets one
// more choice, "the whole course" (every remaining session at once, at what enrolling now costs);
// a course-only class offers only that. The form then posts `startTime=course`.

/** The chooser's value for the whole course. */
export const WHOLE_COURSE = 'course';

/** What enrolling now would take and cost; undefined when the workshop does not offer it. */
export interface CourseOffer {
  /** The workshop sells only the whole course (no single sessions). */
  only: boolean;
  sessions: number;
  courseSessions: number;
  amountCents: number;
  currency: string;
  /** A remaining session is full, so an enrolment would be refused. */
  full: boolean;
}

export function courseOffer(input: {
  view: PublicWorkshop;
  facts: WorkshopPageFacts;
}): CourseOffer | undefined {
  const { view, facts } = input;
  const { course } = facts;
  if (view.bookingMode !== 'fixed' || course.enrolment === 'session' || course.remaining < 1)
    return undefined;
  const only = course.enrolment === 'course';
  // With one session left, "the whole course" is that session: offered only where it is the way to book.
  if (!only && course.remaining < 2) return undefined;
  const price = enrolmentPrice({
    sessionPriceCents: view.price,
    coursePriceCents: course.coursePriceCents,
    remaining: course.remaining,
    total: Math.max(course.sessions, course.remaining),
  });
  return {
    only,
    sessions: course.remaining,
    courseSessions: course.sessions,
    amountCents: price.amountCents,
    currency: view.currency,
    full: view.schedule.some((session) => session.availableSeats <= 0),
  };
}

function offerText(offer: CourseOffer, tr: Translator): string {
  const price = tr.price(offer.amountCents, offer.currency);
  return offer.courseSessions > offer.sessions
    ? tr.t('enrol.offerLate', { count: offer.sessions, total: offer.courseSessions, price })
    : tr.t('enrol.offer', { count: offer.sessions, price });
}

/** The chooser's last option: the whole course, below the single sessions (none when it is full). */
export function courseOption(
  offer: CourseOffer | undefined,
  chosen: string,
  tr: Translator = translator(),
): string {
  if (!offer || offer.only || offer.full) return '';
  const checked = chosen === WHOLE_COURSE ? ' checked' : '';
  return `<p class="or">${tr.html('enrol.or')}</p><ul class="slots"><li><label class="slot course-slot"><input type="radio" id="slot-course" name="startTime" value="${WHOLE_COURSE}" required${checked}><span class="slot-text"><strong>${tr.html('enrol.wholeCourse')}</strong><span class="slot-seats">${tr.html('enrol.wholeCourseNote', { offer: offerText(offer, tr) })}</span></span></label></li></ul>`;
}

/** A course-only class's chooser: the sessions it takes, and the whole course as the one choice. */
export function courseOnlyChooser(
  view: PublicWorkshop,
  offer: CourseOffer,
  zone: string,
  tr: Translator = translator(),
): string {
  const sessions = view.schedule
    .map((s) => `<li>${slotTime(new Date(s.startTime), new Date(s.endTime), zone, true, tr)}</li>`)
    .join('');
  const strong = trustedHtml(`<strong>${escapeHtml(offerText(offer, tr))}</strong>`);
  return `<input type="hidden" name="startTime" value="${WHOLE_COURSE}">
<p class="course-offer">${tr.html('enrol.courseOnly', { offer: strong })}</p>
<details class="more-slots"><summary>${tr.html('enrol.sessionsList', { count: offer.sessions })}</summary><ul class="course-sessions">${sessions}</ul></details>`;
}

export const ENROL_CSS =
  '.course-sessions{padding-left:1.25rem;margin:.25rem 0 1rem}.course-slot strong{font-weight:650}';

/** A refusal of the enrolments service as the page says it, or undefined if not the visitor's to fix. */
export function enrolmentRefusal(
  error: AppError,
  context: {
    school: string;
    email: string;
    sso: boolean;
    tr: Translator;
    questions?: readonly BookingQuestion[] | undefined;
  },
): FormRefusal | undefined {
  const { school, tr } = context;
  const unanswered = answersRefusal(error, tr, context.questions);
  if (unanswered) return unanswered;
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
      return refused(409, tr.html('refusal.course.full'), true);
    case 'BOOKING_CLOSED':
      return refused(409, tr.html('refusal.course.closed'), true);
    case 'CONFLICT':
      // A second seat for the e-mail, or the workshop no longer sold as a whole course.
      return /already has a seat/.test(error.message)
        ? refused(409, tr.html('refusal.course.alreadyBooked', { email: context.email, school }), false)
        : refused(409, tr.html('refusal.course.notCourse'), true);
    case 'WHITELIST_DENIED':
      return refused(
        403,
        tr.html(context.sso ? 'refusal.course.whitelistSso' : 'refusal.course.whitelist', { school }),
        false,
      );
    case 'STRIPE_NOT_CONFIGURED':
      return refused(400, tr.html('refusal.noPaymentsShort', { school }), false);
    default:
      return checkoutRefusal(error, school, tr);
  }
}
