import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { ApiKey } from './api-key-rows.tsx';

/** Asks before revoking: whatever uses the key is refused from the next request on. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const revoke = useMutation(trpc.immersio.apiKey.revoke.mutationOptions());

  return (
    <ConfirmDialog
      title={t('app.apiKeys.revoke.title', { name: apiKey.name })}
      description={t('app.apiKeys.revoke.description', { prefix: apiKey.prefix })}
      cancelLabel={t('app.apiKeys.revoke.keep')}
      confirmLabel={t('app.apiKeys.revoke.confirm')}
      failureMessage={t('app.apiKeys.revoke.failed')}
      onConfirm={async () => {
        await revoke.mutateAsync({ id: apiKey.id });
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.apiKey.list.queryKey() });
        toast(t('app.apiKeys.revoke.done', { name: apiKey.name }));
      }}
      onClose={onClose}
    />
  );
}
