import type {
  BookingQuestion,
  QuestionType,
} from '../../../../src/modules/workshops/procedures/workshop-questions.schema.ts';
import {
  isChoiceType,
  MAX_OPTIONS,
} from '../../../../src/modules/workshops/procedures/workshop-questions.schema.ts';
import type { useT } from '../../lib/i18n/i18n.tsx';

export type { BookingQuestion };

/** Where a questions path's problem shows: its label or options, else the section. */
export function questionFieldForPath(path: string): string {
  if (/^questions\.\d+\.(label|options)$/.test(path)) return path;
  if (/^questions\.\d+\.options\.\d+$/.test(path)) return path.replace(/\.\d+$/, '');
  return 'questions';
}

/** A booking question as the editor holds it: the options as typed, one per line. */
export interface QuestionValues {
  /** Kept across edits: stored answers are keyed by it. */
  id: string;
  label: string;
  type: QuestionType;
  required: boolean;
  options: string;
}

/** A new question with an id of its own (answers are keyed by it, so it never changes). */
export function newQuestion(): QuestionValues {
  return {
    id: `q-${crypto.randomUUID().slice(0, 8)}`,
    label: '',
    type: 'short_text',
    required: false,
    options: '',
  };
}

export function questionsToValues(questions: readonly BookingQuestion[]): QuestionValues[] {
  return questions.map((q) => ({
    id: q.id,
    label: q.label,
    type: q.type,
    required: q.required,
    options: (q.options ?? []).join('\n'),
  }));
}

/** The longest option the schema takes (its `options` items). */
const OPTION_MAX = 100;

/**
 * What is wrong with a choice's options as typed, in words for the form (the schema's own issue,
 * e.g. "Too small: expected array to have >=1 items", is not); undefined if the text breaks no rule.
 */
export function optionsProblem(text: string, t: ReturnType<typeof useT>): string | undefined {
  const options = splitOptions(text);
  if (options.length === 0) return t('app.workshops.questions.optionsNone');
  if (options.length > MAX_OPTIONS) return t('app.workshops.questions.optionsMany', { max: MAX_OPTIONS });
  if (options.some((o) => o.length > OPTION_MAX))
    return t('app.workshops.questions.optionsLong', { max: OPTION_MAX });
  if (new Set(options).size !== options.length) return t('app.workshops.questions.optionsRepeated');
  return undefined;
}

function splitOptions(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** The questions as create/update take them (the options only for a choice). */
export function questionsInput(values: readonly QuestionValues[]) {
  return values.map((q) => ({
    id: q.id,
    label: q.label,
    type: q.type,
    required: q.required,
    ...(isChoiceType(q.type) && { options: splitOptions(q.options) }),
  }));
}
