import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Member } from './types.ts';

/** The owner hands the school over; they stay on as an admin. */
export function TransferOwnershipDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const transfer = useMutation(trpc.immersio.tenant.transferOwnership.mutationOptions());
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setError(undefined);
    try {
      await transfer.mutateAsync({ userId: member.userId });
      // Our own role changed: the frame (navigation, role label) reads it from viewer.me.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listMembers.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.viewer.me.queryKey() }),
      ]);
      toast(`${member.name} now owns the school`);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not transfer ownership.');
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Make ${member.name} the owner?`}
      description={`${member.name} becomes the school’s owner and you become an admin. Only the new owner can hand it back.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" busy={transfer.isPending} onClick={() => void confirm()}>
            Transfer ownership
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
