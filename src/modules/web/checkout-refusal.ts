import type { AppError } from '../../lib/errors.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import type { BookingQuestion } from '../workshops/procedures/workshop-questions.schema.ts';

/** A refusal as the workshop page says it; `clearSession`: the session chosen cannot be chosen again. */
export interface FormRefusal {
  status: number;
  /** HTML: the message in the page's language, its values escaped. */
  message: string;
  clearSession: boolean;
}

export function refused(status: number, message: string, clearSession: boolean): FormRefusal {
  return { status, message, clearSession };
}

/**
 * The refusals a booking and an enrolment share (Checkout not opened, the school's plan full, a
 * form the page's own checks let through), or undefined. `school` is the school's name as written.
 */
export function checkoutRefusal(
  error: AppError,
  school: string,
  tr: Translator = translator(),
): FormRefusal | undefined {
  switch (error.code) {
    case 'PAYMENT_FAILED':
      return { status: 402, message: tr.html('refusal.paymentFailed'), clearSession: false };
    case 'FORBIDDEN':
      return { status: 403, message: tr.html('refusal.planFull', { school }), clearSession: false };
    case 'VALIDATION_ERROR':
      return { status: 400, message: tr.html('refusal.checkForm'), clearSession: false };
    default:
      return undefined;
  }
}

/**
 * A refusal of the answers to the workshop's questions (a booking's or an enrolment's), if it is
 * one. Each question at fault is named by its label (the school's words) in the page's language;
 * the service's own English messages are for API clients.
 */
export function answersRefusal(
  error: AppError,
  tr: Translator = translator(),
  questions: readonly BookingQuestion[] = [],
): FormRefusal | undefined {
  const issues =
    error.code === 'VALIDATION_ERROR'
      ? (error.issues ?? []).filter((issue) => issue.path.startsWith('answers'))
      : [];
  if (issues.length === 0) return undefined;
  const problems = issues.map((issue) => {
    const question = questions.find((q) => issue.path === `answers.${q.id}`);
    if (!question) return tr.t('refusal.answer.unknown');
    return tr.t(/is required$/.test(issue.message) ? 'refusal.answer.required' : 'refusal.answer.invalid', {
      label: question.label,
    });
  });
  return {
    status: 400,
    message: tr.html('refusal.answers', { problems: problems.join('; ') }),
    clearSession: false,
  };
}
