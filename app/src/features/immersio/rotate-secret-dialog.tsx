import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
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
  const rotate = useMutation(trpc.immersio.integration.rotateWebhookSecret.mutationOptions());

  return (
    <ConfirmDialog
      title="Rotate the signing secret?"
      description="A new secret replaces the current one at once."
      cancelLabel="Keep the current secret"
      confirmLabel="Rotate secret"
      failureMessage="Could not rotate the secret."
      onConfirm={async () => {
        const rotated = await rotate.mutateAsync();
        onRotated(rotated);
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getConnection.queryKey() });
        toast('Signing secret rotated', { description: 'Give the new secret to Immersio now.' });
      }}
      onClose={onClose}
    >
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          Every webhook from now on, including retries of earlier events, is signed with the new secret. There
          is no overlap: the old secret stops matching immediately.
        </p>
        <p className="font-medium text-slate-900">
          Receivers must be updated: put the new secret into Immersio (and any other system that checks these
          webhooks) right away, or they will reject the events until you do.
        </p>
      </div>
    </ConfirmDialog>
  );
}
