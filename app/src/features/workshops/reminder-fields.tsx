import type { FieldError } from 'react-hook-form';
import { TextField } from '../../components/ui/field.tsx';
import type { FormParts } from './workshop-form-model.ts';

/**
 * The field's problem in words for the form. The schema's own bounds issues read "Too big: expected
 * array to have <=3 items" and land here without their path (the list or one offset), so both
 * limits are stated together; a repeated offset and the server's words pass through.
 */
function reminderMessage(error: FieldError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.type === 'too_big' || error.type === 'too_small')
    return 'Up to three reminders, each 5 to 10080 minutes (a week) before the session';
  if (error.type === 'invalid_type') return 'Enter minutes as whole numbers, separated by commas';
  return error.message;
}

/** When students are e-mailed a reminder before each session (issue 17): up to three offsets. */
export function ReminderFields({ register, errors }: Omit<FormParts, 'control'>) {
  return (
    <TextField
      label="Remind students before each session (minutes)"
      hint="Up to three, separated by commas, each 5 to 10080 (a week): 1440, 60 is a day and an hour before. Leave empty for no reminders."
      error={reminderMessage(errors.reminderMinutesBefore)}
      {...register('reminderMinutesBefore')}
    />
  );
}
