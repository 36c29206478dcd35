import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useId } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useTRPC } from '../../trpc.ts';
import { ScheduleFields } from './schedule-fields.tsx';
import type { BookingMode, FormParts } from './workshop-form-model.ts';

const MODES: Array<{ value: BookingMode; label: string; hint: string }> = [
  {
    value: 'fixed',
    label: 'Fixed sessions',
    hint: 'You plan the dates and times; students book a seat in a session.',
  },
  {
    value: 'slots',
    label: 'By the teacher’s availability',
    hint: 'Students pick a free time from the teacher’s availability schedule; each booking becomes a session.',
  },
];

/**
 * How students book (fixed sessions or slots from the teacher's availability), then the fields of
 * the chosen way: the first session and its repeats, or the slot settings.
 */
export function BookingFields({
  mode,
  teacherZone,
  ...parts
}: FormParts & { mode: 'create' | 'edit'; teacherZone: string }) {
  const bookingMode = useWatch({ control: parts.control, name: 'bookingMode' });
  const id = useId();
  return (
    <div className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">How students book</legend>
        {MODES.map((m) => (
          <div key={m.value} className="flex items-start gap-2">
            <input
              id={`${id}-${m.value}`}
              type="radio"
              value={m.value}
              className="mt-0.5 size-4 border-slate-400"
              aria-describedby={`${id}-${m.value}-hint`}
              {...parts.register('bookingMode')}
            />
            <div>
              <label htmlFor={`${id}-${m.value}`} className="text-sm font-medium text-slate-800">
                {m.label}
              </label>
              <p id={`${id}-${m.value}-hint`} className="text-xs text-slate-600">
                {m.hint}
              </p>
            </div>
          </div>
        ))}
        {parts.errors.bookingMode?.message ? (
          <p role="alert" className="text-xs font-medium text-red-700">
            {parts.errors.bookingMode.message}
          </p>
        ) : null}
      </fieldset>
      {bookingMode === 'slots' ? (
        <SlotFields {...parts} />
      ) : (
        <ScheduleFields mode={mode} teacherZone={teacherZone} {...parts} />
      )}
    </div>
  );
}

const numeric = { type: 'number', inputMode: 'numeric' } as const;

/** The slot settings: which schedule, how slots are spaced, buffers, notice, horizon, daily cap. */
function SlotFields({ control, register, errors }: FormParts) {
  return (
    <div className="space-y-4">
      <ScheduleSelect control={control} register={register} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Slot interval (minutes)"
          placeholder="Same as the duration"
          hint="From one slot’s start to the next. Empty: the class’s duration."
          min={5}
          max={480}
          step={5}
          error={errors.slotIntervalMinutes?.message}
          {...numeric}
          {...register('slotIntervalMinutes')}
        />
        <TextField
          label="Most bookings per day"
          placeholder="No limit"
          hint="For this teacher, per day in the schedule’s zone. Empty: no limit."
          min={1}
          max={100}
          error={errors.maxBookingsPerDay?.message}
          {...numeric}
          {...register('maxBookingsPerDay')}
        />
        <TextField
          label="Buffer before (minutes)"
          hint="Kept free before each booked session."
          min={0}
          max={480}
          error={errors.bufferBeforeMinutes?.message}
          {...numeric}
          {...register('bufferBeforeMinutes')}
        />
        <TextField
          label="Buffer after (minutes)"
          hint="Kept free after each booked session."
          min={0}
          max={480}
          error={errors.bufferAfterMinutes?.message}
          {...numeric}
          {...register('bufferAfterMinutes')}
        />
        <TextField
          label="Minimum notice (minutes)"
          hint="How long before a slot it can still be booked (120 = 2 hours)."
          min={0}
          error={errors.minimumNoticeMinutes?.message}
          {...numeric}
          {...register('minimumNoticeMinutes')}
        />
        <TextField
          label="Booking horizon (days)"
          hint="How far ahead slots are offered."
          min={1}
          max={730}
          error={errors.bookingHorizonDays?.message}
          {...numeric}
          {...register('bookingHorizonDays')}
        />
      </div>
    </div>
  );
}

/**
 * The chosen teacher's schedules (their default unless another is picked). A schedule that is not
 * the teacher's (after choosing another teacher) goes back to their default.
 */
function ScheduleSelect({ control, errors }: FormParts) {
  const trpc = useTRPC();
  const teacherId = Number(useWatch({ control, name: 'teacherId' }));
  const validTeacher = Number.isInteger(teacherId) && teacherId > 0;
  const schedules = useQuery({
    ...trpc.immersio.availability.list.queryOptions({ teacherId }),
    enabled: validTeacher,
  });
  const { field } = useController({ control, name: 'scheduleId' });
  const list = schedules.data?.schedules ?? [];
  const stale = schedules.isSuccess && field.value !== '' && !list.some((s) => String(s.id) === field.value);
  const { onChange } = field;
  useEffect(() => {
    if (stale) onChange('');
  }, [stale, onChange]);

  const defaultName = list.find((s) => s.isDefault)?.name;
  const hint = schedules.isError ? (
    `The schedules could not be loaded: ${schedules.error.message}`
  ) : (
    <>
      Teachers set their hours under{' '}
      <Link to="/availability" className="text-brand-700 underline">
        Availability
      </Link>
      .
    </>
  );
  return (
    <SelectField
      label="Availability schedule"
      hint={hint}
      error={errors.scheduleId?.message}
      disabled={field.disabled}
      name={field.name}
      value={field.value}
      onChange={field.onChange}
      onBlur={field.onBlur}
      ref={field.ref}
    >
      <option value="">{defaultName ? `Teacher’s default (${defaultName})` : 'Teacher’s default'}</option>
      {list.map((s) => (
        <option key={s.id} value={String(s.id)}>
          {s.name} ({s.timeZone}){s.isDefault ? ', the default' : ''}
        </option>
      ))}
    </SelectField>
  );
}
