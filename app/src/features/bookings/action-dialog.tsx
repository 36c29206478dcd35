import type { ReactNode } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';

/**
 * A dialog around one small form that confirms an action: the form's fields, its error (one the
 * server gave that names no field), a button that keeps things as they are and one that acts.
 */
export function ActionDialog({
  title,
  description,
  formId,
  onSubmit,
  keepLabel,
  actLabel,
  danger,
  busy,
  ready = true,
  error,
  wide,
  onClose,
  before,
  children,
}: {
  title: string;
  description: string;
  formId: string;
  onSubmit: () => void;
  keepLabel: string;
  actLabel: string;
  danger?: boolean;
  busy: boolean;
  /** False while what the action needs is still loading. */
  ready?: boolean;
  error: string | undefined;
  wide?: boolean;
  onClose: () => void;
  /** Shown above the form (e.g. what the action will do). */
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      wide={wide ?? false}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {keepLabel}
          </Button>
          <Button
            variant={danger ? 'danger' : 'primary'}
            type="submit"
            form={formId}
            busy={busy}
            disabled={!ready}
          >
            {actLabel}
          </Button>
        </>
      }
    >
      {before}
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
        className={before ? 'mt-4' : undefined}
        noValidate
      >
        {children}
        {error ? (
          <p role="alert" className="mt-3 text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
