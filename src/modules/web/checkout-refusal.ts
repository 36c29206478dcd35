import type { AppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';

/** A refusal as the workshop page says it; `clearSession`: the session chosen cannot be chosen again. */
export interface FormRefusal {
  status: number;
  message: string;
  clearSession: boolean;
}

/**
 * The refusals a booking and an enrolment share (Checkout not opened, the school's plan full, a
 * form the page's own checks let through), or undefined. `school` is escaped already.
 */
export function checkoutRefusal(error: AppError, school: string): FormRefusal | undefined {
  switch (error.code) {
    case 'PAYMENT_FAILED':
      return {
        status: 402,
        message:
          'The payment page could not be opened. You have not been charged; please try again in a moment.',
        clearSession: false,
      };
    case 'FORBIDDEN':
      return {
        status: 403,
        message: `${school} cannot take more bookings online at the moment. Please contact ${school}.`,
        clearSession: false,
      };
    case 'VALIDATION_ERROR':
      return { status: 400, message: 'Please check the form and try again.', clearSession: false };
    default:
      return undefined;
  }
}

/** A refusal of the answers to the workshop's questions (a booking's or an enrolment's), if it is one. */
export function answersRefusal(error: AppError): FormRefusal | undefined {
  const unanswered =
    error.code === 'VALIDATION_ERROR'
      ? (error.issues ?? []).filter((issue) => issue.path.startsWith('answers')).map((i) => i.message)
      : [];
  if (unanswered.length === 0) return undefined;
  return {
    status: 400,
    message: escapeHtml(`Please check your answers: ${unanswered.join('; ')}.`),
    clearSession: false,
  };
}
