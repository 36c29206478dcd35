import type { AppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import { formatPrice } from '../../lib/money.ts';
import { enrolmentPrice } from '../bookings/enrolments/enrolment-price.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { WorkshopPageFacts } from '../public/workshop-page-facts.ts';
import { slotTime } from './booking-site.ts';
import { answersRefusal, checkoutRefusal, type FormRefusal } from './checkout-refusal.ts';

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

function offerText(offer: CourseOffer): string {
  const price = offer.amountCents > 0 ? formatPrice(offer.amountCents, offer.currency) : 'Free';
  const late =
    offer.courseSessions > offer.sessions ? ` (the remaining ones of ${offer.courseSessions})` : '';
  return `${offer.sessions} sessions${late}, ${price}`;
}

/** The chooser's last option: the whole course, below the single sessions (none when it is full). */
export function courseOption(offer: CourseOffer | undefined, chosen: string): string {
  if (!offer || offer.only || offer.full) return '';
  const checked = chosen === WHOLE_COURSE ? ' checked' : '';
  return `<p class="or">or</p><ul class="slots"><li><label class="slot course-slot"><input type="radio" id="slot-course" name="startTime" value="${WHOLE_COURSE}" required${checked}><span class="slot-text"><strong>The whole course</strong><span class="slot-seats">${escapeHtml(offerText(offer))}: a seat in every session still to come</span></span></label></li></ul>`;
}

/** A course-only class's chooser: the sessions it takes, and the whole course as the one choice. */
export function courseOnlyChooser(view: PublicWorkshop, offer: CourseOffer, zone: string): string {
  const sessions = view.schedule
    .map((s) => `<li>${slotTime(new Date(s.startTime), new Date(s.endTime), zone, true)}</li>`)
    .join('');
  return `<input type="hidden" name="startTime" value="${WHOLE_COURSE}">
<p class="course-offer"><strong>${escapeHtml(offerText(offer))}</strong>: this class is booked as a whole course, a seat in every session still to come.</p>
<details class="more-slots"><summary>The ${offer.sessions} sessions</summary><ul class="course-sessions">${sessions}</ul></details>`;
}

export const ENROL_CSS =
  '.course-sessions{padding-left:1.25rem;margin:.25rem 0 1rem}.course-slot strong{font-weight:650}';

/** A refusal of the enrolments service as the page says it, or undefined if not the visitor's to fix. */
export function enrolmentRefusal(
  error: AppError,
  context: { school: string; email: string; sso: boolean },
): FormRefusal | undefined {
  const school = escapeHtml(context.school);
  const unanswered = answersRefusal(error);
  if (unanswered) return unanswered;
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
      return {
        status: 409,
        message:
          'A session of this course has just filled up, so the course cannot be joined as a whole. Nothing was booked.',
        clearSession: true,
      };
    case 'BOOKING_CLOSED':
      return {
        status: 409,
        message: 'This course has no upcoming sessions left to enrol in.',
        clearSession: true,
      };
    case 'CONFLICT':
      return {
        status: 409,
        // A second seat for the e-mail, or the workshop no longer sold as a whole course.
        message: /already has a seat/.test(error.message)
          ? `${escapeHtml(context.email)} already has a seat in a session of this course. To see it, use the link in your confirmation e-mail, or contact ${school}.`
          : 'This class can no longer be joined as a whole course. Please choose a session.',
        clearSession: !/already has a seat/.test(error.message),
      };
    case 'WHITELIST_DENIED':
      return {
        status: 403,
        message: `This class is only open to enrolled students of ${school}. Use the e-mail address the school has for you${context.sso ? ', or sign in with Immersio' : ''}; otherwise please contact ${school}.`,
        clearSession: false,
      };
    case 'STRIPE_NOT_CONFIGURED':
      return {
        status: 400,
        message: `${school} cannot take payments online yet. Please contact ${school}.`,
        clearSession: false,
      };
    default:
      return checkoutRefusal(error, school);
  }
}
