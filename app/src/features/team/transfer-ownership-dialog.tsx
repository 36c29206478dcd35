import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Member } from './types.ts';

/** The owner hands the school over; they stay on as an admin. */
export function TransferOwnershipDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const transfer = useMutation(trpc.immersio.tenant.transferOwnership.mutationOptions());

  return (
    <ConfirmDialog
      title={t('app.team.transfer.title', { name: member.name })}
      description={t('app.team.transfer.description', { name: member.name })}
      cancelLabel={t('app.ui.cancel')}
      confirmLabel={t('app.team.transfer.confirm')}
      failureMessage={t('app.team.transfer.failed')}
      onConfirm={async () => {
        await transfer.mutateAsync({ userId: member.userId });
        // Our own role changed: the frame (navigation, role label) reads it from viewer.me.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listMembers.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.viewer.me.queryKey() }),
        ]);
        toast(t('app.team.transfer.done', { name: member.name }));
      }}
      onClose={onClose}
    />
  );
}
