import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Badge, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { type Invite, ROLE_LABELS } from './types.ts';

/** Invitations not yet answered: sent again with a new link, or withdrawn (which frees the seat). */
export function PendingInvites({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.immersio.tenant.listInvites.queryOptions());
  return (
    <section aria-labelledby="invites-heading" className="mt-8">
      <h2 id="invites-heading" className="text-lg font-semibold text-slate-900">
        Pending invitations
      </h2>
      {list.isPending ? (
        <Spinner label="Loading invitations…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.invites.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No invitation is waiting for an answer.</p>
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
  const resend = useMutation(trpc.immersio.tenant.resendInvite.mutationOptions());
  const revoke = useMutation(trpc.immersio.tenant.revokeInvite.mutationOptions());
  const [error, setError] = useState<string>();

  const act = async (action: 'resend' | 'revoke') => {
    setError(undefined);
    try {
      if (action === 'resend') {
        await resend.mutateAsync({ inviteId: invite.id });
        toast(`Invitation sent again to ${invite.email}`);
      } else {
        await revoke.mutateAsync({ inviteId: invite.id });
        toast(`Invitation to ${invite.email} withdrawn`);
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Something went wrong.');
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
          {ROLE_LABELS[invite.role]} ·{' '}
          {invite.status === 'expired' ? (
            <Badge tone="amber">Expired</Badge>
          ) : (
            <>expires {formatDateTime(invite.expiresAt, timeZone)}</>
          )}
          {invite.invitedBy ? ` · invited by ${invite.invitedBy}` : ''}
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
          aria-label={`Resend the invitation to ${invite.email}`}
          onClick={() => void act('resend')}
        >
          Resend
        </Button>
        <Button
          variant="secondary"
          size="sm"
          busy={revoke.isPending}
          aria-label={`Withdraw the invitation to ${invite.email}`}
          onClick={() => void act('revoke')}
        >
          Withdraw
        </Button>
      </div>
    </li>
  );
}
