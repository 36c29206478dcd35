import { useWatch } from 'react-hook-form';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import type { EnrolmentMode, FormParts } from './workshop-form-model.ts';

const MODES: Array<{ value: EnrolmentMode; label: string }> = [
  { value: 'both', label: 'Single sessions or the whole course' },
  { value: 'session', label: 'Single sessions only' },
  { value: 'course', label: 'Only the whole course' },
];

/**
 * How a fixed-schedule class is sold (issue 16): students book single sessions, enrol in every
 * remaining session at once, or either; and the whole course's price, which late joiners pay
 * pro-rated by the sessions left. A class booked by slot sells its recurring series instead.
 */
export function EnrolmentFields({ control, register, errors }: FormParts) {
  const bookingMode = useWatch({ control, name: 'bookingMode' });
  const currency = useWatch({ control, name: 'currency' });
  if (bookingMode === 'slots') {
    return (
      <p className="text-sm text-slate-600">
        A class booked by the teacher’s availability is booked slot by slot; a recurring one books its whole
        series at once.
      </p>
    );
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Students can book"
        hint="With the whole course, a student takes a seat in every remaining session at once."
        error={errors.enrolment?.message}
        {...register('enrolment')}
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label={`Course price (${currency})`}
        inputMode="decimal"
        placeholder="Sum of the sessions"
        hint="Empty: the sessions’ prices added up. Late joiners pay it pro-rated by the sessions left."
        error={errors.coursePrice?.message}
        {...register('coursePrice')}
      />
    </div>
  );
}
