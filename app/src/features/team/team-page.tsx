import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { InviteDialog } from './invite-dialog.tsx';
import { MembersTable } from './members-table.tsx';
import { PendingInvites } from './pending-invites.tsx';
import { RemoveMemberDialog } from './remove-member-dialog.tsx';
import { TransferOwnershipDialog } from './transfer-ownership-dialog.tsx';
import type { Member } from './types.ts';

/**
 * /team: who runs and teaches at the school, their roles, invitations waiting for an answer, and
 * the owner's transfer of the school. OWNER and ADMIN only, as on the server.
 */
export function TeamPage() {
  const trpc = useTRPC();
  const t = useT();
  const { isAdmin, role, me } = useViewer();
  const members = useQuery({ ...trpc.immersio.tenant.listMembers.queryOptions(), enabled: isAdmin });
  const usage = useQuery({ ...trpc.immersio.tenant.getPlanUsage.queryOptions(), enabled: isAdmin });
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [transferring, setTransferring] = useState<Member | null>(null);

  if (!isAdmin || appCodeOf(members.error) === 'FORBIDDEN') {
    return (
      <>
        <PageHeader title={t('app.team.page.title')} />
        <EmptyState title={t('app.team.page.notAllowedTitle')}>
          {t('app.team.page.notAllowedBody')}
        </EmptyState>
      </>
    );
  }

  const teachers = usage.data?.usage.teachers;
  const full = teachers ? teachers.limit !== -1 && teachers.used >= teachers.limit : false;

  return (
    <>
      <PageHeader
        title={t('app.team.page.title')}
        description={
          teachers
            ? teachers.limit === -1
              ? t('app.team.page.descriptionUnlimited', { used: teachers.used })
              : t('app.team.page.descriptionLimited', {
                  used: teachers.used,
                  limit: teachers.limit,
                  plan: usage.data?.plan.type ?? '',
                })
            : t('app.team.page.descriptionDefault')
        }
        actions={<Button onClick={() => setInviting(true)}>{t('app.team.page.invite')}</Button>}
      />
      {members.isPending ? (
        <Spinner label={t('app.team.page.loading')} />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <MembersTable
          members={members.data.members}
          viewerId={me.id}
          viewerIsOwner={role === 'OWNER'}
          onRemove={setRemoving}
          onTransfer={setTransferring}
        />
      )}
      <PendingInvites timeZone={me.timeZone} />
      {inviting ? <InviteDialog full={full} usage={teachers} onClose={() => setInviting(false)} /> : null}
      {removing ? <RemoveMemberDialog member={removing} onClose={() => setRemoving(null)} /> : null}
      {transferring ? (
        <TransferOwnershipDialog member={transferring} onClose={() => setTransferring(null)} />
      ) : null}
    </>
  );
}
