import { useFieldArray, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { RangeFields } from './range-fields.tsx';
import { type ScheduleFormParts, WORKDAY } from './schedule-form-model.ts';

const MAX_OVERRIDES = 366;

/** Dates that differ from the week: a day off, or other hours on that date. */
export function OverrideFields({ control, register, errors }: ScheduleFormParts) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name: 'overrides' });
  const overrides = useWatch({ control, name: 'overrides' }) ?? [];
  const listError = errors.overrides?.root?.message ?? errors.overrides?.message;
  return (
    <div className="space-y-3">
      {fields.length === 0 ? (
        <p className="text-sm text-slate-600">{t('app.availability.overrides.none')}</p>
      ) : (
        <ul className="space-y-3">
          {fields.map((field, index) => {
            const n = index + 1;
            const itemErrors = errors.overrides?.[index];
            const hours = overrides[index]?.kind === 'hours';
            const date = overrides[index]?.date;
            const context = date
              ? t('app.availability.overrides.contextDate', { date })
              : t('app.availability.overrides.contextNumber', { n });
            return (
              <li key={field.id} className="space-y-3 rounded-md border border-slate-200 p-3">
                <div className="grid gap-3 sm:grid-cols-[12rem_12rem_auto] sm:items-start">
                  <TextField
                    label={t('app.availability.overrides.dateLabel', { n })}
                    type="date"
                    error={itemErrors?.date?.message}
                    {...register(`overrides.${index}.date`)}
                  />
                  <SelectField
                    label={t('app.availability.overrides.kindLabel', { n })}
                    {...register(`overrides.${index}.kind`)}
                  >
                    <option value="off">{t('app.availability.overrides.dayOff')}</option>
                    <option value="hours">{t('app.availability.overrides.otherHours')}</option>
                  </SelectField>
                  <div className="sm:pt-6">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t('app.availability.overrides.removeLabel', { n })}
                      onClick={() => remove(index)}
                    >
                      {t('app.availability.overrides.remove')}
                    </Button>
                  </div>
                </div>
                {hours ? (
                  <RangeFields
                    name={`overrides.${index}.ranges`}
                    context={context}
                    control={control}
                    register={register}
                    errors={itemErrors?.ranges}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {listError ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={fields.length >= MAX_OVERRIDES}
        onClick={() => append({ date: '', kind: 'off', ranges: [WORKDAY] })}
      >
        {t('app.availability.overrides.add')}
      </Button>
    </div>
  );
}
