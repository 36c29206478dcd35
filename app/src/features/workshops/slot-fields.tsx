import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useId } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { type AppMessageKey, Message, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ScheduleFields } from './schedule-fields.tsx';
import type { BookingMode, FormParts } from './workshop-form-model.ts';

const MODES: Array<{ value: BookingMode; label: AppMessageKey; hint: AppMessageKey }> = [
  { value: 'fixed', label: 'app.workshops.slots.mode.fixed', hint: 'app.workshops.slots.mode.fixedHint' },
  { value: 'slots', label: 'app.workshops.slots.mode.slots', hint: 'app.workshops.slots.mode.slotsHint' },
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
  const t = useT();
  const bookingMode = useWatch({ control: parts.control, name: 'bookingMode' });
  const id = useId();
  return (
    <div className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">{t('app.workshops.slots.legend')}</legend>
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
                {t(m.label)}
              </label>
              <p id={`${id}-${m.value}-hint`} className="text-xs text-slate-600">
                {t(m.hint)}
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
  const t = useT();
  return (
    <div className="space-y-4">
      <ScheduleSelect control={control} register={register} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('app.workshops.slots.interval')}
          placeholder={t('app.workshops.slots.intervalPlaceholder')}
          hint={t('app.workshops.slots.intervalHint')}
          min={5}
          max={480}
          step={5}
          error={errors.slotIntervalMinutes?.message}
          {...numeric}
          {...register('slotIntervalMinutes')}
        />
        <TextField
          label={t('app.workshops.slots.maxPerDay')}
          placeholder={t('app.workshops.slots.noLimit')}
          hint={t('app.workshops.slots.maxPerDayHint')}
          min={1}
          max={100}
          error={errors.maxBookingsPerDay?.message}
          {...numeric}
          {...register('maxBookingsPerDay')}
        />
        <TextField
          label={t('app.workshops.slots.bufferBefore')}
          hint={t('app.workshops.slots.bufferBeforeHint')}
          min={0}
          max={480}
          error={errors.bufferBeforeMinutes?.message}
          {...numeric}
          {...register('bufferBeforeMinutes')}
        />
        <TextField
          label={t('app.workshops.slots.bufferAfter')}
          hint={t('app.workshops.slots.bufferAfterHint')}
          min={0}
          max={480}
          error={errors.bufferAfterMinutes?.message}
          {...numeric}
          {...register('bufferAfterMinutes')}
        />
        <TextField
          label={t('app.workshops.slots.notice')}
          hint={t('app.workshops.slots.noticeHint')}
          min={0}
          error={errors.minimumNoticeMinutes?.message}
          {...numeric}
          {...register('minimumNoticeMinutes')}
        />
        <TextField
          label={t('app.workshops.slots.horizon')}
          hint={t('app.workshops.slots.horizonHint')}
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
  const t = useT();
  const errorText = useErrorText();
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
    t('app.workshops.slots.schedulesError', {
      message: errorText(schedules.error, 'app.workshops.slots.schedulesErrorFallback'),
    })
  ) : (
    <Message
      id="app.workshops.slots.hoursHint"
      values={{
        link: (chunks) => (
          <Link to="/availability" className="text-brand-700 underline">
            {chunks}
          </Link>
        ),
      }}
    />
  );
  return (
    <SelectField
      label={t('app.workshops.slots.schedule')}
      hint={hint}
      error={errors.scheduleId?.message}
      disabled={field.disabled}
      name={field.name}
      value={field.value}
      onChange={field.onChange}
      onBlur={field.onBlur}
      ref={field.ref}
    >
      <option value="">
        {defaultName
          ? t('app.workshops.slots.teacherDefaultNamed', { name: defaultName })
          : t('app.workshops.slots.teacherDefault')}
      </option>
      {list.map((s) => (
        <option key={s.id} value={String(s.id)}>
          {t(
            s.isDefault ? 'app.workshops.slots.scheduleOptionDefault' : 'app.workshops.slots.scheduleOption',
            {
              name: s.name,
              zone: s.timeZone,
            },
          )}
        </option>
      ))}
    </SelectField>
  );
}
