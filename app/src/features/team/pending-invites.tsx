import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Badge, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Invite } from './types.ts';

/** Invitations not yet answered: sent again with a new link, or withdrawn (which frees the seat). */
export function PendingInvites({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const t = useT();
  const list = useQuery(trpc.immersio.tenant.listInvites.queryOptions());
  return (
    <section aria-labelledby="invites-heading" className="mt-8">
      <h2 id="invites-heading" className="text-lg font-semibold text-slate-900">
        {t('app.team.invites.title')}
      </h2>
      {list.isPending ? (
        <Spinner label={t('app.team.invites.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.invites.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('app.team.invites.empty')}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {list.data.invites.map((invite) => (
            <InviteRow key={invite.id} invite={invite} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InviteRow({ invite, timeZone }: { invite: Invite; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const resend = useMutation(trpc.immersio.tenant.resendInvite.mutationOptions());
  const revoke = useMutation(trpc.immersio.tenant.revokeInvite.mutationOptions());
  const [error, setError] = useState<string>();

  const act = async (action: 'resend' | 'revoke') => {
    setError(undefined);
    try {
      if (action === 'resend') {
        await resend.mutateAsync({ inviteId: invite.id });
        toast(t('app.team.invites.resentToast', { email: invite.email }));
      } else {
        await revoke.mutateAsync({ inviteId: invite.id });
        toast(t('app.team.invites.withdrawnToast', { email: invite.email }));
      }
    } catch (failure) {
      setError(errorText(failure, 'app.ui.error.generic'));
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listInvites.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.getPlanUsage.queryKey() }),
    ]);
  };

  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
      <div className="min-w-0">
        <p className="break-all font-medium text-slate-900">
          {invite.name ? `${invite.name} · ` : ''}
          {invite.email}
        </p>
        <p className="text-slate-600">
          {t('app.role.name', { role: invite.role })} ·{' '}
          {invite.status === 'expired' ? (
            <Badge tone="amber">{t('app.team.invites.expired')}</Badge>
          ) : (
            t('app.team.invites.expires', { date: formatDateTime(invite.expiresAt, timeZone) })
          )}
          {invite.invitedBy ? ` · ${t('app.team.invites.invitedBy', { name: invite.invitedBy })}` : ''}
        </p>
        {error ? (
          <p role="alert" className="mt-1 text-xs font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          busy={resend.isPending}
          aria-label={t('app.team.invites.resendLabel', { email: invite.email })}
          onClick={() => void act('resend')}
        >
          {t('app.team.invites.resend')}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          busy={revoke.isPending}
          aria-label={t('app.team.invites.withdrawLabel', { email: invite.email })}
          onClick={() => void act('revoke')}
        >
          {t('app.team.invites.withdraw')}
        </Button>
      </div>
    </li>
  );
}
