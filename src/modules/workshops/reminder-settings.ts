/**
 * The reminder offsets a create or update names (undefined = left alone; `[]` turns reminders
 * off). Sorted longest first, the order they are sent in; the column's default is [1440, 60].
 */
export function reminderChanges(input: { reminderMinutesBefore?: number[] | undefined }): {
  reminderMinutesBefore?: number[];
} {
  const offsets = input.reminderMinutesBefore;
  return offsets === undefined ? {} : { reminderMinutesBefore: [...offsets].sort((a, b) => b - a) };
}
