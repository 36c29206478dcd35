import { AppError, type FieldIssue } from '../../lib/errors.ts';
import {
  type BookingAnswer,
  type BookingAnswers,
  type BookingQuestion,
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
} from './procedures/workshop-questions.schema.ts';

export type AnswersCheck = { ok: true; answers: BookingAnswers } | { ok: false; issues: FieldIssue[] };

/**
 * Checks a booking's answers against its workshop's questions: every required one answered, each
 * of its question's type. Returns the answers to store (trimmed, only known questions, empty ones
 * dropped) or one issue per question at fault, its path `answers.<id>` and its label in the message.
 * An unchecked checkbox is `false`, so a required checkbox must be ticked (a consent).
 */
export function checkBookingAnswers(questions: readonly BookingQuestion[], raw: unknown): AnswersCheck {
  const issues: FieldIssue[] = [];
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    return {
      ok: false,
      issues: [{ path: 'answers', message: 'must be an object of answers by question id' }],
    };
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) issues.push({ path: `answers.${id}`, message: 'is not a question of this workshop' });
  }
  const answers: BookingAnswers = {};
  for (const q of questions) {
    const result = answerOf(q, given[q.id]);
    if (typeof result === 'object' && result !== null && 'error' in result) {
      issues.push({ path: `answers.${q.id}`, message: `"${q.label}" ${result.error}` });
      continue;
    }
    if (isEmpty(result)) {
      if (q.required) issues.push({ path: `answers.${q.id}`, message: `"${q.label}" is required` });
      continue;
    }
    answers[q.id] = result as BookingAnswer;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers };
}

type Checked = BookingAnswer | undefined | { error: string };

function answerOf(q: BookingQuestion, value: unknown): Checked {
  if (value === undefined || value === null) return undefined;
  switch (q.type) {
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') return { error: 'must be text' };
      const max = q.type === 'short_text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX;
      const text = value.trim();
      return text.length > max ? { error: `must be at most ${max} characters` } : text;
    }
    case 'single_choice': {
      if (typeof value !== 'string') return { error: 'must be one of its options' };
      if (value === '') return undefined;
      return q.options?.includes(value) ? value : { error: 'must be one of its options' };
    }
    case 'multiple_choice': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        return { error: 'must be a list of its options' };
      }
      if (value.some((v) => !q.options?.includes(v))) return { error: 'must be a list of its options' };
      // In the question's order, once each.
      return (q.options ?? []).filter((option) => value.includes(option));
    }
    case 'checkbox':
      if (typeof value !== 'boolean') return { error: 'must be true or false' };
      return value;
  }
}

function isEmpty(answer: Checked): boolean {
  return (
    answer === undefined ||
    answer === '' ||
    answer === false ||
    (Array.isArray(answer) && answer.length === 0)
  );
}

/** An answer as one line of text: for rosters, exports and e-mails (escaped by whoever renders it). */
export function answerText(answer: BookingAnswer | undefined): string {
  if (answer === undefined) return '';
  if (typeof answer === 'boolean') return answer ? 'Yes' : 'No';
  return Array.isArray(answer) ? answer.join(', ') : answer;
}

/** checkBookingAnswers, throwing VALIDATION_ERROR naming each question at fault. */
export function bookingAnswersOrThrow(questions: readonly BookingQuestion[], raw: unknown): BookingAnswers {
  const checked = checkBookingAnswers(questions, raw);
  if (checked.ok) return checked.answers;
  const summary = checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('VALIDATION_ERROR', `Invalid input: ${summary}`, { issues: checked.issues });
}

export interface LabelledAnswer {
  questionId: string;
  label: string;
  /** The answer as text (see answerText). */
  answer: string;
}

/**
 * A booking's answers as staff read them: in the workshop's question order under its current
 * labels, then answers to questions since removed (under their ids, so nothing a student said is lost).
 */
export function labelledAnswers(questions: unknown, answers: unknown): LabelledAnswer[] {
  if (typeof answers !== 'object' || answers === null) return [];
  const given = answers as BookingAnswers;
  const asked = Array.isArray(questions) ? (questions as BookingQuestion[]) : [];
  const shown: LabelledAnswer[] = [];
  for (const q of asked) {
    if (given[q.id] !== undefined)
      shown.push({ questionId: q.id, label: q.label, answer: answerText(given[q.id]) });
  }
  const askedIds = new Set(asked.map((q) => q.id));
  for (const [id, answer] of Object.entries(given)) {
    if (!askedIds.has(id)) shown.push({ questionId: id, label: id, answer: answerText(answer) });
  }
  return shown;
}

/** The stored answers jsonb (written only after checkBookingAnswers), typed. */
export function storedAnswers(value: unknown): BookingAnswers {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as BookingAnswers)
    : {};
}
