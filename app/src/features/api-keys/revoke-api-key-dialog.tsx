import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import type { ApiKey } from './api-key-rows.tsx';

/** Asks before revoking: whatever uses the key is refused from the next request on. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation(trpc.immersio.apiKey.revoke.mutationOptions());

  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      description={`Anything using the key ${apiKey.prefix}… is refused from now on, on every server. This cannot be undone.`}
      cancelLabel="Keep it"
      confirmLabel="Revoke key"
      failureMessage="Could not revoke the key."
      onConfirm={async () => {
        await revoke.mutateAsync({ id: apiKey.id });
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.apiKey.list.queryKey() });
        toast(`“${apiKey.name}” revoked`);
      }}
      onClose={onClose}
    />
  );
}
