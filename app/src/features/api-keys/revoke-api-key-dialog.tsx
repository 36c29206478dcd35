import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import type { ApiKey } from './api-key-rows.tsx';

/** Asks before revoking: whatever uses the key is refused from the next request on. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation(trpc.immersio.apiKey.revoke.mutationOptions());
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setError(undefined);
    try {
      await revoke.mutateAsync({ id: apiKey.id });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.apiKey.list.queryKey() });
      toast(`“${apiKey.name}” revoked`);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not revoke the key.');
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Revoke “${apiKey.name}”?`}
      description={`Anything using the key ${apiKey.prefix}… is refused from now on, on every server. This cannot be undone.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Keep it
          </Button>
          <Button variant="danger" busy={revoke.isPending} onClick={() => void confirm()}>
            Revoke key
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
