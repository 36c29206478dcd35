import { describe, expect, it } from 'vitest';
import { answerText, checkBookingAnswers, labelledAnswers } from './booking-answers.ts';
import type { BookingQuestion } from './procedures/workshop-questions.schema.ts';

const questions: BookingQuestion[] = [
  { id: 'level', label: 'Your level', type: 'single_choice', required: true, options: ['A1', 'B1'] },
  { id: 'native', label: 'Native language', type: 'short_text', required: false },
  { id: 'topics', label: 'Topics', type: 'multiple_choice', required: false, options: ['Travel', 'Work'] },
  { id: 'ok', label: 'Consent', type: 'checkbox', required: true },
];

describe('checkBookingAnswers', () => {
  it('keeps valid answers trimmed, ordered and without empty ones', () => {
    expect(
      checkBookingAnswers(questions, { level: 'B1', native: '  ', topics: ['Work', 'Travel'], ok: true }),
    ).toEqual({ ok: true, answers: { level: 'B1', topics: ['Travel', 'Work'], ok: true } });
  });

  it('names every question at fault: missing required, wrong types, unknown ids', () => {
    const result = checkBookingAnswers(questions, { native: 3, topics: ['Golf'], ok: false, extra: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([
      'answers.extra',
      'answers.level',
      'answers.native',
      'answers.topics',
      'answers.ok',
    ]);
    expect(result.issues.find((i) => i.path === 'answers.level')!.message).toBe('"Your level" is required');
  });

  it('takes no answers for no questions, and refuses answers that are not an object', () => {
    expect(checkBookingAnswers([], undefined)).toEqual({ ok: true, answers: {} });
    expect(checkBookingAnswers(questions, ['B1']).ok).toBe(false);
  });
});

describe('labelledAnswers', () => {
  it('labels answers in question order, then answers to removed questions under their ids', () => {
    expect(labelledAnswers(questions, { gone: 'x', ok: true, level: 'A1' })).toEqual([
      { questionId: 'level', label: 'Your level', answer: 'A1' },
      { questionId: 'ok', label: 'Consent', answer: 'Yes' },
      { questionId: 'gone', label: 'gone', answer: 'x' },
    ]);
    expect(answerText(['a', 'b'])).toBe('a, b');
  });
});
