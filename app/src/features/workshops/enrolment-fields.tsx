import { useWatch } from 'react-hook-form';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import type { EnrolmentMode, FormParts } from './workshop-form-model.ts';

const MODES: Array<{ value: EnrolmentMode; label: AppMessageKey }> = [
  { value: 'both', label: 'app.workshops.enrolment.mode.both' },
  { value: 'session', label: 'app.workshops.enrolment.mode.session' },
  { value: 'course', label: 'app.workshops.enrolment.mode.course' },
];

/**
 * How a fixed-schedule class is sold (issue 16): students book single sessions, enrol in every
 * remaining session at once, or either; and the whole course's price, which late joiners pay
 * pro-rated by the sessions left. A class booked by slot sells its recurring series instead.
 */
export function EnrolmentFields({ control, register, errors }: FormParts) {
  const t = useT();
  const bookingMode = useWatch({ control, name: 'bookingMode' });
  const currency = useWatch({ control, name: 'currency' });
  if (bookingMode === 'slots') {
    return <p className="text-sm text-slate-600">{t('app.workshops.enrolment.slots')}</p>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label={t('app.workshops.enrolment.label')}
        hint={t('app.workshops.enrolment.hint')}
        error={errors.enrolment?.message}
        {...register('enrolment')}
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {t(m.label)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('app.workshops.enrolment.coursePrice', { currency })}
        inputMode="decimal"
        placeholder={t('app.workshops.enrolment.coursePricePlaceholder')}
        hint={t('app.workshops.enrolment.coursePriceHint')}
        error={errors.coursePrice?.message}
        {...register('coursePrice')}
      />
    </div>
  );
}
