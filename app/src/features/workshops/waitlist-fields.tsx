import { useWatch } from 'react-hook-form';
import { CheckboxField, TextField } from '../../components/ui/field.tsx';
import type { FormParts } from './workshop-form-model.ts';

/**
 * The waitlist of a fixed-schedule class (issue 16): whether a full session lets students queue,
 * and how long a freed seat is held for the next in line before it passes on (never past an hour
 * before the start). A class booked by slot shows its other free times instead.
 */
export function WaitlistFields({ control, register, errors }: FormParts) {
  const bookingMode = useWatch({ control, name: 'bookingMode' });
  const enabled = useWatch({ control, name: 'waitlistEnabled' });
  if (bookingMode === 'slots') {
    return (
      <p className="text-sm text-slate-600">
        A class booked by the teacher’s availability has no waitlist: a full time simply is not offered.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <CheckboxField
        label="Offer a waitlist when a session is full"
        hint="When a seat frees up, the first student in line gets it held for them and an e-mail to claim it."
        {...register('waitlistEnabled')}
      />
      {enabled ? (
        <TextField
          label="Hold a freed seat for (minutes)"
          inputMode="numeric"
          hint="5 minutes to 7 days; an offer always ends an hour before the session starts."
          error={errors.waitlistOfferMinutes?.message}
          {...register('waitlistOfferMinutes')}
        />
      ) : null}
    </div>
  );
}
