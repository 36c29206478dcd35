import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import type { Schedule } from './schedule-form-model.ts';

/** Asks before deleting a schedule (never the default: the server refuses that too). */
export function DeleteScheduleDialog({
  schedule,
  onDelete,
  onClose,
}: {
  schedule: Schedule;
  /** Deletes; a refusal is thrown and shown in the dialog. */
  onDelete: () => Promise<void>;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      title="Delete this schedule?"
      description={`“${schedule.name}” (${schedule.teacher.name}) will be gone. Workshops that used it follow ${schedule.teacher.name}’s default schedule instead.`}
      cancelLabel="Keep it"
      confirmLabel="Delete schedule"
      failureMessage="Could not delete the schedule."
      onConfirm={onDelete}
      onClose={onClose}
    />
  );
}
