import type {
  BookingQuestion,
  QuestionType,
} from '../../../../src/modules/workshops/procedures/workshop-questions.schema.ts';
import { isChoiceType } from '../../../../src/modules/workshops/procedures/workshop-questions.schema.ts';

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

/** The questions as create/update take them (the options only for a choice). */
export function questionsInput(values: readonly QuestionValues[]) {
  return values.map((q) => ({
    id: q.id,
    label: q.label,
    type: q.type,
    required: q.required,
    ...(isChoiceType(q.type) && {
      options: q.options
        .split('\n')
        .map((o) => o.trim())
        .filter(Boolean),
    }),
  }));
}
