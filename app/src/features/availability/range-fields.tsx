import { forwardRef, type InputHTMLAttributes, useId } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { type ScheduleFormParts, type Weekday, WORKDAY } from './schedule-form-model.ts';

export type RangesName = `week.${Weekday}.ranges` | `overrides.${number}.ranges`;

type Message = { message?: string | undefined } | undefined;
/** A list's own problem is `root` when the browser's check found it, `message` when the server did. */
export type RangeErrors =
  | ({ message?: string | undefined; root?: Message } & {
      [index: number]: { start?: Message; end?: Message } | undefined;
    })
  | undefined;

const MAX_RANGES = 12;

/** A time of day, labelled for screen readers only (the row around it says what it is). */
const TimeInput = forwardRef<
  HTMLInputElement,
  { label: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>
>(function TimeInput({ label, error, ...rest }, ref) {
  const id = useId();
  return (
    <span className="inline-block">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        type="time"
        step={300}
        className="block w-32 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-600"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...rest}
      />
      {error ? (
        <span
          id={`${id}-error`}
          role="alert"
          className="mt-1 block max-w-32 text-xs font-medium text-red-700"
        >
          {error}
        </span>
      ) : null}
    </span>
  );
});

/**
 * A day's opening hours: one or more "from – until" ranges, each removable, up to 12. `context`
 * names the day in every control's label ("Monday, hours 2, from").
 */
export function RangeFields({
  name,
  context,
  control,
  register,
  errors,
}: Omit<ScheduleFormParts, 'errors'> & { name: RangesName; context: string; errors: RangeErrors }) {
  const t = useT();
  const { fields, append, remove } = useFieldArray({ control, name });
  const current = useWatch({ control, name });
  const listError = errors?.root?.message ?? errors?.message;
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {fields.map((field, index) => {
          const n = index + 1;
          return (
            <li key={field.id} className="flex flex-wrap items-start gap-2">
              <TimeInput
                label={t('app.availability.ranges.from', { context, n })}
                error={errors?.[index]?.start?.message}
                {...register(`${name}.${index}.start`)}
              />
              <span aria-hidden className="py-1.5 text-slate-600">
                –
              </span>
              <TimeInput
                label={t('app.availability.ranges.until', { context, n })}
                error={errors?.[index]?.end?.message}
                {...register(`${name}.${index}.end`)}
              />
              <Button
                variant="ghost"
                size="sm"
                className="mt-0.5"
                disabled={fields.length <= 1}
                aria-label={t('app.availability.ranges.removeLabel', { context, n })}
                onClick={() => remove(index)}
              >
                {t('app.availability.ranges.remove')}
              </Button>
            </li>
          );
        })}
      </ul>
      {listError ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={fields.length >= MAX_RANGES}
        aria-label={t('app.availability.ranges.addLabel', { context })}
        onClick={() => append(nextRange(current?.at(-1)))}
      >
        {t('app.availability.ranges.add')}
      </Button>
    </div>
  );
}

/** A new range after the last one (an hour, from its end), or the workday when there is none. */
function nextRange(last: { start: string; end: string } | undefined) {
  if (!last || !/^\d\d:\d\d$/.test(last.end)) return WORKDAY;
  const minutes = Number(last.end.slice(0, 2)) * 60 + Number(last.end.slice(3));
  if (minutes === 0 || minutes + 60 > 24 * 60) return WORKDAY;
  const at = (m: number) =>
    `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { start: at(minutes), end: at(minutes + 60) };
}
