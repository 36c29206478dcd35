import { z } from 'zod';
import type { AppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import { readAnswerFields } from './booking-questions-form.ts';
import { knownZone } from './booking-site.ts';
import { answersRefusal, checkoutRefusal, type FormRefusal } from './checkout-refusal.ts';
import type { BookingFormValues, FieldErrors } from './workshop-render.ts';

// The workshop page's booking form: what was sent, what is wrong with it, and the bookings
// service's refusals in words for the visitor.

const email = z.email();

/** `bySlot`: a slot-booked workshop, whose visitors choose a time rather than a session. */
export function bookingFormErrors(form: BookingFormValues, options: { bySlot?: boolean } = {}): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.startTime || Number.isNaN(Date.parse(form.startTime))) {
    errors.startTime = options.bySlot ? 'Please choose a time.' : 'Please choose a session.';
  }
  if (form.name === '') errors.name = 'Please enter your name.';
  else if (form.name.length > 200) errors.name = 'Please keep your name to 200 characters or fewer.';
  if (form.email === '') errors.email = 'Please enter your e-mail address.';
  else if (form.email.length > 254 || !email.safeParse(form.email).success) {
    errors.email = 'Please enter a valid e-mail address, like name@example.com.';
  }
  if (!knownZone(form.timeZone)) errors.timeZone = 'Please choose your time zone from the list.';
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

/** A refusal of the bookings service as the page says it, or undefined if it is not the visitor's to fix. */
export function bookingRefusal(
  error: AppError,
  context: { school: string; email: string; sso: boolean; bySlot?: boolean },
): FormRefusal | undefined {
  const school = escapeHtml(context.school);
  const unanswered = answersRefusal(error);
  if (unanswered) return unanswered;
  if (context.bySlot) {
    const said = slotRefusal(error);
    if (said) return said;
  }
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
      return {
        status: 409,
        message: 'That session has just filled up. Please choose another session.',
        clearSession: true,
      };
    case 'BOOKING_CLOSED':
      return {
        status: 409,
        message:
          'That session is no longer open for booking: it has started or was cancelled. Please choose another session.',
        clearSession: true,
      };
    case 'NOT_FOUND':
      return {
        status: 409,
        message: 'That session is no longer on the schedule. Please choose another session.',
        clearSession: true,
      };
    case 'WHITELIST_DENIED':
      return {
        status: 403,
        message: `This class is only open to enrolled students of ${school}. If you are enrolled, book with the e-mail address the school has for you${context.sso ? ', or sign in with Immersio' : ''}; otherwise please contact ${school}.`,
        clearSession: false,
      };
    case 'CONFLICT':
      return {
        status: 409,
        message: `${escapeHtml(context.email)} already has a seat in that session. To see or cancel it, use the link in your confirmation e-mail.`,
        clearSession: false,
      };
    case 'STRIPE_NOT_CONFIGURED':
      return {
        status: 400,
        message: `${school} cannot take payments online yet, so this class cannot be booked here. Please contact ${school}.`,
        clearSession: false,
      };
    default:
      return checkoutRefusal(error, school);
  }
}

/**
 * A slot-booked workshop's refusals of the time asked for: taken meanwhile (by a student, or by
 * another class of the teacher), passed its notice, or not one of the free times any more.
 */
function slotRefusal(error: AppError): FormRefusal | undefined {
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
    case 'TEACHER_UNAVAILABLE':
      return {
        status: 409,
        message: 'That time has just been taken. Please choose another time.',
        clearSession: true,
      };
    case 'BOOKING_CLOSED':
    case 'NOT_FOUND':
    case 'VALIDATION_ERROR':
      return {
        status: error.code === 'VALIDATION_ERROR' ? 400 : 409,
        message: 'That time can no longer be booked. Please choose another time.',
        clearSession: true,
      };
    default:
      return undefined;
  }
}
