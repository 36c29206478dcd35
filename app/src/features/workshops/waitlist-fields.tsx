import { useWatch } from 'react-hook-form';
import { CheckboxField, TextField } from '../../components/ui/field.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { FormParts } from './workshop-form-model.ts';

/**
 * The waitlist of a fixed-schedule class (issue 16): whether a full session lets students queue,
 * and how long a freed seat is held for the next in line before it passes on (never past an hour
 * before the start). A class booked by slot shows its other free times instead.
 */
export function WaitlistFields({ control, register, errors }: FormParts) {
  const t = useT();
  const bookingMode = useWatch({ control, name: 'bookingMode' });
  const enabled = useWatch({ control, name: 'waitlistEnabled' });
  if (bookingMode === 'slots') {
    return <p className="text-sm text-slate-600">{t('app.workshops.waitlist.slots')}</p>;
  }
  return (
    <div className="space-y-4">
      <CheckboxField
        label={t('app.workshops.waitlist.enable')}
        hint={t('app.workshops.waitlist.enableHint')}
        {...register('waitlistEnabled')}
      />
      {enabled ? (
        <TextField
          label={t('app.workshops.waitlist.hold')}
          inputMode="numeric"
          hint={t('app.workshops.waitlist.holdHint')}
          error={errors.waitlistOfferMinutes?.message}
          {...register('waitlistOfferMinutes')}
        />
      ) : null}
    </div>
  );
}
