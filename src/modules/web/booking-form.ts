import { z } from 'zod';
import type { AppError } from '../../lib/errors.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import type { BookingQuestion } from '../workshops/procedures/workshop-questions.schema.ts';
import { readAnswerFields } from './booking-questions-form.ts';
import { knownZone } from './booking-site.ts';
import { answersRefusal, checkoutRefusal, type FormRefusal, refused } from './checkout-refusal.ts';
import type { BookingFormValues, FieldErrors } from './workshop-render.ts';

// The workshop page's booking form: what was sent, what is wrong with it, and the bookings
// service's refusals in words for the visitor, in the page's language (issue 18).

const email = z.email();
const NAME_MAX = 200;

/**
 * What is wrong with the form, in the page's language. `bySlot`: a slot-booked workshop, whose
 * visitors choose a time rather than a session.
 */
export function bookingFormErrors(
  form: BookingFormValues,
  options: { bySlot?: boolean; tr?: Translator } = {},
): FieldErrors {
  const tr = options.tr ?? translator();
  const errors: FieldErrors = {};
  if (!form.startTime || Number.isNaN(Date.parse(form.startTime))) {
    errors.startTime = tr.t(options.bySlot ? 'booking.error.chooseTime' : 'booking.error.chooseSession');
  }
  if (form.name === '') errors.name = tr.t('booking.error.nameRequired');
  else if (form.name.length > NAME_MAX) errors.name = tr.t('booking.error.nameTooLong', { max: NAME_MAX });
  if (form.email === '') errors.email = tr.t('booking.error.emailRequired');
  else if (form.email.length > 254 || !email.safeParse(form.email).success) {
    errors.email = tr.t('booking.error.emailInvalid');
  }
  if (!knownZone(form.timeZone)) errors.timeZone = tr.t('booking.error.timeZone');
  return errors;
}

/** The form's fields as strings (the form parser gives an object of strings; JSON may not). */
export function readBookingForm(body: unknown): BookingFormValues {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
  };
  return {
    startTime: text('startTime'),
    name: text('name').replace(/\s+/g, ' '),
    email: text('email'),
    timeZone: text('timeZone'),
    answers: readAnswerFields(fields),
  };
}

/** What a refusal is said with: the page's language, the school, the visitor's e-mail. */
export interface RefusalContext {
  school: string;
  email: string;
  sso: boolean;
  bySlot?: boolean;
  tr: Translator;
  questions?: readonly BookingQuestion[] | undefined;
}

/** A refusal of the bookings service as the page says it, or undefined if it is not the visitor's to fix. */
export function bookingRefusal(error: AppError, context: RefusalContext): FormRefusal | undefined {
  const { school, tr } = context;
  const unanswered = answersRefusal(error, tr, context.questions);
  if (unanswered) return unanswered;
  if (context.bySlot) {
    const said = slotRefusal(error, tr);
    if (said) return said;
  }
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
      return refused(409, tr.html('refusal.sessionFull'), true);
    case 'BOOKING_CLOSED':
      return refused(409, tr.html('refusal.sessionClosed'), true);
    case 'NOT_FOUND':
      return refused(409, tr.html('refusal.sessionGone'), true);
    case 'WHITELIST_DENIED':
      return refused(
        403,
        tr.html(context.sso ? 'refusal.whitelistSso' : 'refusal.whitelist', { school }),
        false,
      );
    case 'CONFLICT':
      return refused(409, tr.html('refusal.alreadyBooked', { email: context.email }), false);
    case 'STRIPE_NOT_CONFIGURED':
      return refused(400, tr.html('refusal.noPayments', { school }), false);
    default:
      return checkoutRefusal(error, school, tr);
  }
}

/**
 * A slot-booked workshop's refusals of the time asked for: taken meanwhile (by a student, or by
 * another class of the teacher), passed its notice, or not one of the free times any more.
 */
function slotRefusal(error: AppError, tr: Translator): FormRefusal | undefined {
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
    case 'TEACHER_UNAVAILABLE':
      return { status: 409, message: tr.html('refusal.timeTaken'), clearSession: true };
    case 'BOOKING_CLOSED':
    case 'NOT_FOUND':
    case 'VALIDATION_ERROR':
      return {
        status: error.code === 'VALIDATION_ERROR' ? 400 : 409,
        message: tr.html('refusal.timeGone'),
        clearSession: true,
      };
    default:
      return undefined;
  }
}
