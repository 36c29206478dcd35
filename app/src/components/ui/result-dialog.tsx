import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/i18n.tsx';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';

/**
 * The second step of a dialog that makes something shown only once (a new API key, an invitation
 * link): what was made, and Done. Return it in place of the form's dialog. Being a component of
 * its own, React mounts it afresh rather than restyling the form's buttons in place (their colour
 * transition showed white text on a half-blue button for 150 ms, which axe caught).
 */
export function ResultDialog({
  title,
  description,
  onClose,
  children,
}: {
  title: ReactNode;
  description: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={title}
      description={description}
      footer={<Button onClick={onClose}>{t('app.ui.done')}</Button>}
    >
      {children}
    </Dialog>
  );
}
