import type { BookingQuestion } from './procedures/workshop-questions.schema.ts';

/** The booking questions a create or update names (undefined = left alone; `[]` asks none). */
export function questionChanges(input: { questions?: BookingQuestion[] | undefined }): {
  questions?: BookingQuestion[];
} {
  return input.questions === undefined ? {} : { questions: input.questions };
}

/** The stored questions (jsonb written only through bookingQuestions), typed. */
export function storedQuestions(value: unknown): BookingQuestion[] {
  return Array.isArray(value) ? (value as BookingQuestion[]) : [];
}
