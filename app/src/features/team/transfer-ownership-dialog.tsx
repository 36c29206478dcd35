import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Member } from './types.ts';

/** The owner hands the school over; they stay on as an admin. */
export function TransferOwnershipDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const transfer = useMutation(trpc.immersio.tenant.transferOwnership.mutationOptions());

  return (
    <ConfirmDialog
      title={`Make ${member.name} the owner?`}
      description={`${member.name} becomes the school’s owner and you become an admin. Only the new owner can hand it back.`}
      cancelLabel="Cancel"
      confirmLabel="Transfer ownership"
      failureMessage="Could not transfer ownership."
      onConfirm={async () => {
        await transfer.mutateAsync({ userId: member.userId });
        // Our own role changed: the frame (navigation, role label) reads it from viewer.me.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listMembers.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.viewer.me.queryKey() }),
        ]);
        toast(`${member.name} now owns the school`);
      }}
      onClose={onClose}
    />
  );
}
