import { useFieldArray, useWatch } from 'react-hook-form';
import {
  MAX_QUESTIONS,
  type QuestionType,
} from '../../../../src/modules/workshops/procedures/workshop-questions.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { newQuestion, optionsProblem } from './question-values.ts';
import type { FormParts } from './workshop-form-model.ts';

const TYPE_LABELS: Record<QuestionType, string> = {
  short_text: 'Short answer',
  long_text: 'Paragraph',
  single_choice: 'One choice',
  multiple_choice: 'Several choices',
  checkbox: 'Checkbox (e.g. a consent)',
};

/**
 * The questions the booking form asks (issue 17): add, remove, move up and down, the type, and the
 * options of a choice. Validated by the procedure's own schema with the rest of the form.
 */
export function QuestionFields({ control, register, errors }: FormParts) {
  const { fields, append, remove, move } = useFieldArray({ control, name: 'questions' });
  const values = useWatch({ control, name: 'questions' }) ?? [];
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Booking questions</legend>
      <p className="text-sm text-slate-600">
        Asked when a student books a session, e.g. “Your level”. Answers show in the roster, the CSV export
        and the new-booking e-mail.
      </p>
      {typeof errors.questions?.message === 'string' ? (
        <p className="text-xs font-medium text-red-700" role="alert">
          {errors.questions.message}
        </p>
      ) : null}
      {fields.map((field, index) => {
        const type = values[index]?.type;
        const itemErrors = errors.questions?.[index];
        const n = index + 1;
        return (
          <div key={field.id} className="space-y-3 rounded-md border border-slate-200 p-3">
            <div className="grid gap-3 sm:grid-cols-[1fr_14rem]">
              <TextField
                label={`Question ${n}`}
                maxLength={200}
                error={itemErrors?.label?.message}
                {...register(`questions.${index}.label`)}
              />
              <SelectField label={`Question ${n} type`} {...register(`questions.${index}.type`)}>
                {(Object.keys(TYPE_LABELS) as QuestionType[]).map((value) => (
                  <option key={value} value={value}>
                    {TYPE_LABELS[value]}
                  </option>
                ))}
              </SelectField>
            </div>
            {type === 'single_choice' || type === 'multiple_choice' ? (
              <TextAreaField
                label={`Question ${n} options`}
                rows={3}
                hint="One per line, up to 20."
                error={
                  itemErrors?.options
                    ? (optionsProblem(values[index]?.options ?? '') ?? itemErrors.options.message)
                    : undefined
                }
                {...register(`questions.${index}.options`)}
              />
            ) : null}
            <div className="flex flex-wrap items-center gap-2">
              <CheckboxField label="Required" {...register(`questions.${index}.required`)} />
              <Button
                variant="ghost"
                size="sm"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
                aria-label={`Move question ${n} up`}
              >
                Up
              </Button>
              <Button
                variant="ghost"
                size="sm"
                disabled={index === fields.length - 1}
                onClick={() => move(index, index + 1)}
                aria-label={`Move question ${n} down`}
              >
                Down
              </Button>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => remove(index)}
                aria-label={`Remove question ${n}`}
              >
                Remove
              </Button>
            </div>
          </div>
        );
      })}
      <Button
        variant="secondary"
        size="sm"
        disabled={fields.length >= MAX_QUESTIONS}
        onClick={() => append(newQuestion())}
      >
        Add a question
      </Button>
    </fieldset>
  );
}
