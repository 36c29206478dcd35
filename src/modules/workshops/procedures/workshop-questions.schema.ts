import { z } from 'zod';

// The questions a workshop's booking form asks (issue 17). Shared with the staff app's editor, so
// the form refuses what the API would.

export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'checkbox',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const MAX_QUESTIONS = 10;
export const MAX_OPTIONS = 20;
/** The longest answers taken: a line, and a paragraph. */
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 2000;

const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set(['single_choice', 'multiple_choice']);
export const isChoiceType = (type: QuestionType) => CHOICE_TYPES.has(type);

export const bookingQuestion = z
  .object({
    /** Stable across edits, so stored answers keep their question; the answers' key. */
    id: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, _ and -'),
    label: z.string().trim().min(1).max(200),
    type: z.enum(QUESTION_TYPES),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(100)).min(1).max(MAX_OPTIONS).optional(),
  })
  .superRefine((q, ctx) => {
    if (isChoiceType(q.type)) {
      if (!q.options) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: `are required for ${q.type} questions` });
      } else if (new Set(q.options).size !== q.options.length) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'must be unique' });
      }
    } else if (q.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `are only for choice questions` });
    }
  });

export const bookingQuestions = z
  .array(bookingQuestion)
  .max(MAX_QUESTIONS)
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'must be unique' });
      seen.add(q.id);
    });
  });

export type BookingQuestion = z.output<typeof bookingQuestion>;
/** A stored answer: text, a choice, the choices ticked, or a checkbox. */
export type BookingAnswer = string | string[] | boolean;
export type BookingAnswers = Record<string, BookingAnswer>;
export const bookingAnswers = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]));
