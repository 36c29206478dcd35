import type { FieldError } from 'react-hook-form';
import { TextField } from '../../components/ui/field.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { FormParts } from './workshop-form-model.ts';

/**
 * The field's problem in words for the form. The schema's own bounds issues read "Too big: expected
 * array to have <=3 items" and land here without their path (the list or one offset), so both
 * limits are stated together; a repeated offset and the server's words pass through.
 */
function reminderMessage(error: FieldError | undefined, t: ReturnType<typeof useT>): string | undefined {
  if (!error) return undefined;
  if (error.type === 'too_big' || error.type === 'too_small') return t('app.workshops.reminders.bounds');
  if (error.type === 'invalid_type') return t('app.workshops.reminders.numbers');
  return error.message;
}

/** When students are e-mailed a reminder before each session (issue 17): up to three offsets. */
export function ReminderFields({ register, errors }: Omit<FormParts, 'control'>) {
  const t = useT();
  return (
    <TextField
      label={t('app.workshops.reminders.label')}
      hint={t('app.workshops.reminders.hint')}
      error={reminderMessage(errors.reminderMinutesBefore, t)}
      {...register('reminderMinutesBefore')}
    />
  );
}
