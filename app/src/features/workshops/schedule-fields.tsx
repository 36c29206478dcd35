import { useWatch } from 'react-hook-form';
import { CheckboxField, SelectField, TextField } from '../../components/ui/field.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { SchedulePreview } from './schedule-preview.tsx';
import { type FormParts, scheduleInput, type WorkshopFormValues } from './workshop-form-model.ts';

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

const FREQUENCIES = [
  ['none', 'app.workshops.schedule.frequency.none'],
  ['weekly', 'app.workshops.schedule.frequency.weekly'],
  ['biweekly', 'app.workshops.schedule.frequency.biweekly'],
  ['monthly', 'app.workshops.schedule.frequency.monthly'],
] as const;

/**
 * The first session (a date and a time in the teacher's zone, or another chosen zone) and how it
 * repeats, with the live preview of the dates. On edit, saving a schedule replaces the upcoming
 * sessions nobody has booked.
 */
export function ScheduleFields({
  mode,
  control,
  register,
  errors,
  teacherZone,
}: FormParts & {
  /** add: the add-sessions form, where there is nothing to switch on. */
  mode: 'create' | 'edit' | 'add';
  teacherZone: string;
}) {
  const t = useT();
  const values = useWatch({ control }) as WorkshopFormValues;
  // Only an edit may leave the sessions alone: a create without them is booked by slot.
  const enabled = mode !== 'edit' || values.scheduleEnabled;
  const schedule = scheduleInput(values, teacherZone);
  const duration = Number(values.duration);
  const teacherId = Number(values.teacherId);
  return (
    <div className="space-y-4">
      {mode === 'edit' ? (
        <CheckboxField
          label={t('app.workshops.schedule.enable')}
          hint={t('app.workshops.schedule.enableHint')}
          {...register('scheduleEnabled')}
        />
      ) : null}
      {enabled ? (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t('app.workshops.schedule.startDate')}
              type="date"
              error={errors.startDate?.message}
              {...register('startDate')}
            />
            <TextField
              label={t('app.workshops.schedule.startTime')}
              type="time"
              error={errors.startClock?.message}
              {...register('startClock')}
            />
            <SelectField
              label={t('app.workshops.schedule.timeZone')}
              error={errors.timeZone?.message}
              {...register('timeZone')}
            >
              <option value="">{t('app.workshops.schedule.teacherZone', { zone: teacherZone })}</option>
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              label={t('app.workshops.schedule.repeat')}
              error={errors.frequency?.message}
              {...register('frequency')}
            >
              {FREQUENCIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </SelectField>
            {values.frequency !== 'none' ? (
              <>
                <SelectField label={t('app.workshops.schedule.ends')} {...register('ends')}>
                  <option value="count">{t('app.workshops.schedule.endsCount')}</option>
                  <option value="date">{t('app.workshops.schedule.endsDate')}</option>
                </SelectField>
                {values.ends === 'count' ? (
                  <TextField
                    label={t('app.workshops.schedule.count')}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={104}
                    error={errors.count?.message}
                    {...register('count')}
                  />
                ) : (
                  <TextField
                    label={t('app.workshops.schedule.endDate')}
                    type="date"
                    error={errors.endDate?.message}
                    {...register('endDate')}
                  />
                )}
              </>
            ) : null}
          </div>
          <SchedulePreview
            request={{
              startTime: schedule.startTime,
              timeZone: schedule.timeZone,
              teacherId: Number.isInteger(teacherId) && teacherId > 0 ? teacherId : undefined,
              duration: Number.isFinite(duration) ? duration : undefined,
              recurrence:
                schedule.recurrence && values.frequency !== 'none'
                  ? { ...schedule.recurrence, frequency: values.frequency }
                  : undefined,
            }}
          />
        </>
      ) : null}
    </div>
  );
}
