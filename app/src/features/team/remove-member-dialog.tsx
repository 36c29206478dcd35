import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import type { Member } from './types.ts';

/**
 * Asks before removing someone. While they still teach upcoming classes the server refuses; the
 * refusal is shown with those classes, each linking to its workshop to give it another teacher.
 */
export function RemoveMemberDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const { me } = useViewer();
  const remove = useMutation(trpc.immersio.tenant.removeMember.mutationOptions());
  const [refused, setRefused] = useState(false);
  const [error, setError] = useState<string>();
  const classes = useQuery({
    ...trpc.immersio.tenant.memberClasses.queryOptions({ userId: member.userId }),
    enabled: refused,
  });

  const confirm = async () => {
    setError(undefined);
    try {
      await remove.mutateAsync({ userId: member.userId });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listMembers.queryKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.getPlanUsage.queryKey() });
      toast(t('app.team.remove.removedToast', { name: member.name }));
      onClose();
    } catch (failure) {
      if (appCodeOf(failure) === 'CONFLICT') {
        setRefused(true);
        await classes.refetch();
      } else {
        setError(errorText(failure, 'app.team.remove.failed'));
      }
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.team.remove.title', { name: member.name })}
      description={t('app.team.remove.description')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {refused ? t('app.ui.close') : t('app.ui.cancel')}
          </Button>
          <Button variant="danger" busy={remove.isPending} onClick={() => void confirm()}>
            {t('app.team.remove.confirm')}
          </Button>
        </>
      }
    >
      {refused ? (
        <div
          role="alert"
          className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950"
        >
          <p className="font-semibold">{t('app.team.remove.stillTeaches', { name: member.name })}</p>
          {classes.data ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {classes.data.classes.map((c) => (
                <li key={c.workshopId}>
                  <Link
                    to="/workshops/$workshopId"
                    params={{ workshopId: String(c.workshopId) }}
                    className="font-medium text-brand-800 underline"
                  >
                    {c.title}
                  </Link>{' '}
                  —{' '}
                  {c.nextSessionAt
                    ? t('app.team.remove.nextSession', {
                        date: formatDateTime(c.nextSessionAt, me.timeZone),
                        count: c.upcomingSessions,
                      })
                    : t('app.team.remove.bySlot')}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
