import { useFieldArray, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import type { FormParts, LocationType } from './workshop-form-model.ts';

export const LOCATION_LABELS: Record<LocationType, AppMessageKey> = {
  zoom: 'app.workshops.location.zoom',
  google_meet: 'app.workshops.location.google_meet',
  link: 'app.workshops.location.link',
  in_person: 'app.workshops.location.in_person',
};

/** One or more places a class happens: a meeting link, or an address for in-person classes. */
export function LocationFields({ control, register, errors }: FormParts) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name: 'locations' });
  const types = useWatch({ control, name: 'locations' }) ?? [];
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">{t('app.workshops.location.legend')}</legend>
      {typeof errors.locations?.message === 'string' ? (
        <p className="text-xs font-medium text-red-700" role="alert">
          {errors.locations.message}
        </p>
      ) : null}
      {fields.map((field, index) => {
        const inPerson = types[index]?.type === 'in_person';
        const itemErrors = errors.locations?.[index];
        return (
          <div
            key={field.id}
            className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[12rem_1fr_auto]"
          >
            <SelectField
              label={t('app.workshops.location.typeLabel', { n: index + 1 })}
              {...register(`locations.${index}.type`)}
            >
              {(Object.keys(LOCATION_LABELS) as LocationType[]).map((type) => (
                <option key={type} value={type}>
                  {t(LOCATION_LABELS[type])}
                </option>
              ))}
            </SelectField>
            {inPerson ? (
              <TextField
                label={t('app.workshops.location.addressLabel', { n: index + 1 })}
                autoComplete="street-address"
                error={itemErrors?.address?.message}
                {...register(`locations.${index}.address`)}
              />
            ) : (
              <TextField
                label={t('app.workshops.location.linkLabel', { n: index + 1 })}
                type="url"
                inputMode="url"
                placeholder={t('app.workshops.location.linkPlaceholder')}
                error={itemErrors?.link?.message}
                {...register(`locations.${index}.link`)}
              />
            )}
            <div className="flex items-end">
              <Button
                variant="ghost"
                size="sm"
                disabled={fields.length <= 1}
                onClick={() => remove(index)}
                aria-label={t('app.workshops.location.removeLabel', { n: index + 1 })}
              >
                {t('app.workshops.location.remove')}
              </Button>
            </div>
          </div>
        );
      })}
      <Button
        variant="secondary"
        size="sm"
        disabled={fields.length >= 10}
        onClick={() => append({ type: 'in_person', link: '', address: '' })}
      >
        {t('app.workshops.location.add')}
      </Button>
    </fieldset>
  );
}
