import { TextField } from '../../components/ui/field.tsx';
import type { FormParts } from './workshop-form-model.ts';

/** When students are e-mailed a reminder before each session (issue 17): up to three offsets. */
export function ReminderFields({ register, errors }: Omit<FormParts, 'control'>) {
  return (
    <TextField
      label="Remind students before each session (minutes)"
      hint="Up to three, separated by commas, each 5 to 10080 (a week): 1440, 60 is a day and an hour before. Leave empty for no reminders."
      error={errors.reminderMinutesBefore?.message}
      {...register('reminderMinutesBefore')}
    />
  );
}
