import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';

/**
 * Asks before rotating: the new secret signs every webhook from the next attempt on (retries of
 * older events too) with no overlap, so receivers reject webhooks until they are given it.
 */
export function RotateSecretDialog({
  onRotated,
  onClose,
}: {
  onRotated: (rotated: { secret: string; rotatedAt: Date | null }) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const rotate = useMutation(trpc.immersio.integration.rotateWebhookSecret.mutationOptions());

  return (
    <ConfirmDialog
      title={t('app.immersio.rotate.title')}
      description={t('app.immersio.rotate.description')}
      cancelLabel={t('app.immersio.rotate.cancel')}
      confirmLabel={t('app.immersio.secret.rotate')}
      failureMessage={t('app.immersio.rotate.failed')}
      onConfirm={async () => {
        const rotated = await rotate.mutateAsync();
        onRotated(rotated);
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getConnection.queryKey() });
        toast(t('app.immersio.rotate.done'), { description: t('app.immersio.rotate.doneDetail') });
      }}
      onClose={onClose}
    >
      <div className="space-y-2 text-sm text-slate-700">
        <p>{t('app.immersio.rotate.noOverlap')}</p>
        <p className="font-medium text-slate-900">{t('app.immersio.rotate.updateReceivers')}</p>
      </div>
    </ConfirmDialog>
  );
}
