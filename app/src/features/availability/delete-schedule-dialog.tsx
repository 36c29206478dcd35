import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
  const errorText = useErrorText();
  return (
    <ConfirmDialog
      title={t('app.availability.delete.title')}
      description={t('app.availability.delete.description', {
        name: schedule.name,
        teacher: schedule.teacher.name,
      })}
      cancelLabel={t('app.availability.delete.keep')}
      confirmLabel={t('app.availability.delete.confirm')}
      failureMessage={t('app.availability.delete.failed')}
      // The dialog shows a refusal's message: in the current language.
      onConfirm={() =>
        onDelete().catch((error: unknown) => {
          throw new Error(errorText(error, 'app.availability.delete.failed'));
        })
      }
      onClose={onClose}
    />
  );
}
