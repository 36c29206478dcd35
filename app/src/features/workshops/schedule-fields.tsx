import { useWatch } from 'react-hook-form';
import { CheckboxField, SelectField, TextField } from '../../components/ui/field.tsx';
import { SchedulePreview } from './schedule-preview.tsx';
import { type FormParts, scheduleInput, type WorkshopFormValues } from './workshop-form-model.ts';

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

const FREQUENCIES = [
  ['none', 'Once (no repeat)'],
  ['weekly', 'Every week'],
  ['biweekly', 'Every two weeks'],
  ['monthly', 'Every month'],
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
          label="Plan a new schedule"
          hint="Replaces the upcoming sessions nobody has booked; booked sessions stay."
          {...register('scheduleEnabled')}
        />
      ) : null}
      {enabled ? (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label="First session date"
              type="date"
              error={errors.startDate?.message}
              {...register('startDate')}
            />
            <TextField
              label="Start time"
              type="time"
              error={errors.startClock?.message}
              {...register('startClock')}
            />
            <SelectField label="Time zone" error={errors.timeZone?.message} {...register('timeZone')}>
              <option value="">Teacher’s zone ({teacherZone})</option>
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField label="Repeat" error={errors.frequency?.message} {...register('frequency')}>
              {FREQUENCIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            {values.frequency !== 'none' ? (
              <>
                <SelectField label="Ends" {...register('ends')}>
                  <option value="count">After a number of sessions</option>
                  <option value="date">On a date</option>
                </SelectField>
                {values.ends === 'count' ? (
                  <TextField
                    label="Number of sessions"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={104}
                    error={errors.count?.message}
                    {...register('count')}
                  />
                ) : (
                  <TextField
                    label="Last date"
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
