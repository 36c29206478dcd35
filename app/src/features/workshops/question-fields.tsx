import { useFieldArray, useWatch } from 'react-hook-form';
import {
  MAX_QUESTIONS,
  type QuestionType,
} from '../../../../src/modules/workshops/procedures/workshop-questions.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { newQuestion, optionsProblem } from './question-values.ts';
import type { FormParts } from './workshop-form-model.ts';

const TYPE_LABELS: Record<QuestionType, AppMessageKey> = {
  short_text: 'app.workshops.questions.type.short_text',
  long_text: 'app.workshops.questions.type.long_text',
  single_choice: 'app.workshops.questions.type.single_choice',
  multiple_choice: 'app.workshops.questions.type.multiple_choice',
  checkbox: 'app.workshops.questions.type.checkbox',
};

/**
 * The questions the booking form asks (issue 17): add, remove, move up and down, the type, and the
 * options of a choice. Validated by the procedure's own schema with the rest of the form.
 */
export function QuestionFields({ control, register, errors }: FormParts) {
  const t = useT();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'questions' });
  const values = useWatch({ control, name: 'questions' }) ?? [];
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">{t('app.workshops.questions.legend')}</legend>
      <p className="text-sm text-slate-600">{t('app.workshops.questions.intro')}</p>
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
                label={t('app.workshops.questions.label', { n })}
                maxLength={200}
                error={itemErrors?.label?.message}
                {...register(`questions.${index}.label`)}
              />
              <SelectField
                label={t('app.workshops.questions.typeLabel', { n })}
                {...register(`questions.${index}.type`)}
              >
                {(Object.keys(TYPE_LABELS) as QuestionType[]).map((value) => (
                  <option key={value} value={value}>
                    {t(TYPE_LABELS[value])}
                  </option>
                ))}
              </SelectField>
            </div>
            {type === 'single_choice' || type === 'multiple_choice' ? (
              <TextAreaField
                label={t('app.workshops.questions.optionsLabel', { n })}
                rows={3}
                hint={t('app.workshops.questions.optionsHint')}
                error={
                  itemErrors?.options
                    ? (optionsProblem(values[index]?.options ?? '', t) ?? itemErrors.options.message)
                    : undefined
                }
                {...register(`questions.${index}.options`)}
              />
            ) : null}
            <div className="flex flex-wrap items-center gap-2">
              <CheckboxField
                label={t('app.workshops.questions.required')}
                {...register(`questions.${index}.required`)}
              />
              <Button
                variant="ghost"
                size="sm"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
                aria-label={t('app.workshops.questions.upLabel', { n })}
              >
                {t('app.workshops.questions.up')}
              </Button>
              <Button
                variant="ghost"
                size="sm"
                disabled={index === fields.length - 1}
                onClick={() => move(index, index + 1)}
                aria-label={t('app.workshops.questions.downLabel', { n })}
              >
                {t('app.workshops.questions.down')}
              </Button>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => remove(index)}
                aria-label={t('app.workshops.questions.removeLabel', { n })}
              >
                {t('app.workshops.questions.remove')}
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
        {t('app.workshops.questions.add')}
      </Button>
    </fieldset>
  );
}
