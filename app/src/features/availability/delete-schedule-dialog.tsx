import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onDelete();
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not delete the schedule.');
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Delete this schedule?"
      description={`“${schedule.name}” (${schedule.teacher.name}) will be gone. Workshops that used it follow ${schedule.teacher.name}’s default schedule instead.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Keep it
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void confirm()}>
            Delete schedule
          </Button>
        </>
      }
    >
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
