import { escapeHtml } from '../../lib/html.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import {
  type BookingAnswers,
  type BookingQuestion,
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
} from '../workshops/procedures/workshop-questions.schema.ts';

// The workshop's booking questions in its page's form (issue 17). The form parser keeps the last
// of a repeated name, so a multiple choice posts one field per option: `answer.<id>.<index>`.
// What the visitor sent is kept as the answers the API takes; the bookings service checks them.

/** The raw form fields named `answer.*`, as the page's form sent them. */
export type FormAnswerFields = Record<string, string>;

export function readAnswerFields(fields: Record<string, unknown>): FormAnswerFields {
  const answers: FormAnswerFields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('answer.') && typeof value === 'string') {
      answers[name] = value.replace(/\r\n?/g, '\n').trim();
    }
  }
  return answers;
}

/** The answers as the booking API takes them (empty ones left out, so a required one is missed). */
export function formAnswers(questions: readonly BookingQuestion[], fields: FormAnswerFields): BookingAnswers {
  const answers: BookingAnswers = {};
  for (const q of questions) {
    const name = `answer.${q.id}`;
    if (q.type === 'checkbox') {
      if (fields[name] !== undefined) answers[q.id] = true;
    } else if (q.type === 'multiple_choice') {
      const ticked = (q.options ?? []).filter((_, i) => fields[`${name}.${i}`] !== undefined);
      if (ticked.length > 0) answers[q.id] = ticked;
    } else if (fields[name]) {
      answers[q.id] = fields[name];
    }
  }
  return answers;
}

/** The questions as form fields, filled in with what was sent; every value escaped. */
export function renderQuestionFields(
  questions: readonly BookingQuestion[],
  fields: FormAnswerFields,
  tr: Translator = translator(),
): string {
  return questions.map((q, index) => questionField(q, index, fields, tr)).join('\n');
}

/** One question's field: its label as the school wrote it, the form's own words in the page's language. */
function questionField(q: BookingQuestion, index: number, fields: FormAnswerFields, tr: Translator): string {
  const name = `answer.${q.id}`;
  const id = `question-${index}`;
  const label = `${escapeHtml(q.label)}${q.required ? '' : ` <span class="muted small">${tr.html('booking.question.optional')}</span>`}`;
  const required = q.required ? ' required' : '';
  const value = escapeHtml(fields[name] ?? '');
  switch (q.type) {
    case 'short_text':
      return `<div class="field"><label for="${id}">${label}</label><input type="text" id="${id}" name="${escapeHtml(name)}" value="${value}" maxlength="${SHORT_TEXT_MAX}"${required}></div>`;
    case 'long_text':
      return `<div class="field"><label for="${id}">${label}</label><textarea id="${id}" name="${escapeHtml(name)}" rows="4" maxlength="${LONG_TEXT_MAX}"${required}>${value}</textarea></div>`;
    case 'single_choice': {
      const options = (q.options ?? []).map((option) => {
        const selected = fields[name] === option ? ' selected' : '';
        return `<option value="${escapeHtml(option)}"${selected}>${escapeHtml(option)}</option>`;
      });
      return `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${escapeHtml(name)}"${required}><option value="">${tr.html('booking.question.choose')}</option>${options.join('')}</select></div>`;
    }
    case 'multiple_choice': {
      const boxes = (q.options ?? []).map((option, i) => {
        const checked = fields[`${name}.${i}`] !== undefined ? ' checked' : '';
        return `<label class="choice"><input type="checkbox" name="${escapeHtml(`${name}.${i}`)}" value="1"${checked}> ${escapeHtml(option)}</label>`;
      });
      return `<fieldset class="field"><legend>${label}</legend>${boxes.join('')}</fieldset>`;
    }
    case 'checkbox': {
      const checked = fields[name] !== undefined ? ' checked' : '';
      return `<div class="field"><label class="choice"><input type="checkbox" id="${id}" name="${escapeHtml(name)}" value="1"${checked}${required}> ${label}</label></div>`;
    }
  }
}
