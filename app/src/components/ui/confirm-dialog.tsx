import { type ReactNode, useState } from 'react';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';

interface ConfirmDialogProps {
  title: ReactNode;
  description?: ReactNode;
  /** The button that keeps things as they are. */
  cancelLabel: string;
  /** The (danger) button that does it. */
  confirmLabel: string;
  /** Does it; a refusal is thrown and shown in the dialog, which then stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** Shown when the refusal has no message of its own. */
  failureMessage: string;
  children?: ReactNode;
}

/** Asks before something that cannot be undone; closes once it is done, shows why when refused. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (failure) {
      // The generic text means the refusal said nothing usable in this language: the caller's says more.
      const said = errorText(failure, 'app.ui.error.generic');
      setError(said === t('app.ui.error.generic') ? props.failureMessage : said);
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : props.onClose())}
      title={props.title}
      description={props.description}
      footer={
        <>
          <Button variant="secondary" onClick={props.onClose}>
            {props.cancelLabel}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void confirm()}>
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      {props.children}
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
