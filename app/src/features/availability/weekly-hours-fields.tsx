import { useWatch } from 'react-hook-form';
import { useT } from '../../lib/i18n/i18n.tsx';
import { RangeFields } from './range-fields.tsx';
import { type ScheduleFormParts, WEEKDAYS, type Weekday, weekdayName } from './schedule-form-model.ts';

/** The week: each day switched on or off, and an on day's hours (several ranges allowed). */
export function WeeklyHoursFields({ control, register, errors }: ScheduleFormParts) {
  return (
    <ul className="divide-y divide-slate-200">
      {WEEKDAYS.map((day) => (
        <DayRow key={day} day={day} control={control} register={register} errors={errors} />
      ))}
    </ul>
  );
}

function DayRow({ day, control, register, errors }: ScheduleFormParts & { day: Weekday }) {
  const available = useWatch({ control, name: `week.${day}.available` });
  const t = useT();
  const label = weekdayName(day);
  return (
    <li className="grid gap-2 py-3 sm:grid-cols-[9rem_1fr] sm:items-start">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-900 sm:pt-1.5">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-400"
          {...register(`week.${day}.available`)}
        />
        {label}
      </label>
      {available ? (
        <RangeFields
          name={`week.${day}.ranges`}
          context={label}
          control={control}
          register={register}
          errors={errors.week?.[day]?.ranges}
        />
      ) : (
        <p className="text-sm text-slate-600 sm:pt-1.5">{t('app.availability.week.unavailable')}</p>
      )}
    </li>
  );
}
