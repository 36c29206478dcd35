import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { TextAreaField } from '../../components/ui/field.tsx';
import { Badge, EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDate, formatMoney } from '../../lib/format.ts';
import { type AppMessageKey, Message, useT } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';
import { useTRPC } from '../../trpc.ts';
import { Unavailable } from './feedback.tsx';
import type { Workshop } from './types.ts';

type Enrolment = inferRouterOutputs<AppRouter>['immersio']['enrolment']['list']['enrolments'][number];

const STATUS: Record<
  Enrolment['status'],
  { label: AppMessageKey; tone: 'green' | 'amber' | 'red' | 'slate' }
> = {
  accepted: { label: 'app.workshops.enrolments.status.accepted', tone: 'green' },
  pending: { label: 'app.workshops.enrolments.status.pending', tone: 'amber' },
  cancelled: { label: 'app.workshops.enrolments.status.cancelled', tone: 'red' },
  expired: { label: 'app.workshops.enrolments.status.expired', tone: 'slate' },
};

const MODE_TEXT: Record<Workshop['enrolment'], AppMessageKey> = {
  both: 'app.workshops.enrolments.mode.both',
  course: 'app.workshops.enrolments.mode.course',
  session: 'app.workshops.enrolments.mode.session',
};

/**
 * The workshop's whole-course enrolments (`immersio.enrolment.list`), newest first: who, how
 * their sessions stand, what they paid; its teacher and admins cancel one (every session still
 * to come, each refunded its share).
 */
export function EnrolmentsTab({ workshop, canRead }: { workshop: Workshop; canRead: boolean }) {
  const trpc = useTRPC();
  const t = useT();
  const [cancelling, setCancelling] = useState<Enrolment>();
  const list = useQuery({
    ...trpc.immersio.enrolment.list.queryOptions({ workshopId: workshop.id }),
    enabled: canRead,
  });
  if (!canRead) {
    return (
      <Unavailable title={t('app.workshops.unavailable.title')}>
        {t('app.workshops.enrolments.unavailableBody')}
      </Unavailable>
    );
  }
  const zone = workshop.sessions[0]?.timeZone ?? 'UTC';
  return (
    <div className="max-w-5xl space-y-3">
      <p className="text-sm text-slate-700">
        {workshop.bookingMode === 'slots'
          ? t('app.workshops.enrolments.slots')
          : t(MODE_TEXT[workshop.enrolment])}
        {workshop.coursePrice !== null
          ? ` ${t('app.workshops.enrolments.coursePrice', {
              price: formatMoney(workshop.coursePrice, workshop.currency),
            })}`
          : ''}
      </p>
      {list.isPending ? (
        <Spinner label={t('app.workshops.enrolments.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.enrolments.length === 0 ? (
        <EmptyState title={t('app.workshops.enrolments.empty')}>
          {t('app.workshops.enrolments.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {t(
              list.data.truncated ? 'app.workshops.enrolments.countNewest' : 'app.workshops.enrolments.count',
              {
                count: list.data.enrolments.length,
              },
            )}
          </p>
          {/* relative: the screen-reader-only labels stay inside the scroller, not widening the page. */}
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">
                {t('app.workshops.enrolments.caption', { title: workshop.title })}
              </caption>
              <TableHead
                columns={[
                  t('app.workshops.enrolments.col.student'),
                  t('app.workshops.enrolments.col.status'),
                  t('app.workshops.enrolments.col.sessions'),
                  { label: t('app.workshops.enrolments.col.amount'), alignRight: true },
                  t('app.workshops.enrolments.col.enrolled'),
                  { label: t('app.workshops.enrolments.col.actions'), hidden: true },
                ]}
              />
              <tbody className="divide-y divide-slate-200">
                {list.data.enrolments.map((e) => (
                  <tr key={e.id}>
                    <td className="px-3 py-2">
                      <p className="font-medium text-slate-900">{e.attendee.name}</p>
                      <p className="break-all text-xs text-slate-600">{e.attendee.email}</p>
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={STATUS[e.status].tone}>{t(STATUS[e.status].label)}</Badge>
                    </td>
                    <td className="px-3 py-2 text-slate-800">
                      {t('app.workshops.enrolments.sessionsOf', {
                        count: e.sessionCount,
                        total: e.courseSessions,
                      })}
                      <p className="text-xs text-slate-600">
                        {e.sessions.cancelled > 0
                          ? t('app.workshops.enrolments.upcomingCancelled', {
                              count: e.sessions.upcoming,
                              cancelled: e.sessions.cancelled,
                            })
                          : t('app.workshops.enrolments.upcoming', { count: e.sessions.upcoming })}
                      </p>
                    </td>
                    <td className="px-3 py-2 text-right text-slate-800">
                      {e.amount > 0 ? formatMoney(e.amount, e.currency) : t('app.workshops.enrolments.free')}
                      {e.refunded > 0 ? (
                        <p className="text-xs text-slate-600">
                          {t('app.workshops.enrolments.refunded', {
                            amount: formatMoney(e.refunded, e.currency),
                          })}
                        </p>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-800">
                      {formatDate(e.createdAt, zone)}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {e.status === 'accepted' || e.status === 'pending' ? (
                        <Button variant="secondary" size="sm" onClick={() => setCancelling(e)}>
                          <Message
                            id="app.workshops.enrolments.cancel"
                            values={{
                              name: e.attendee.name,
                              sr: (chunks) => <span className="sr-only">{chunks}</span>,
                            }}
                          />
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {cancelling ? (
        <CancelEnrolmentDialog
          workshopId={workshop.id}
          enrolment={cancelling}
          onClose={() => setCancelling(undefined)}
        />
      ) : null}
    </div>
  );
}

function CancelEnrolmentDialog({
  workshopId,
  enrolment,
  onClose,
}: {
  workshopId: number;
  enrolment: Enrolment;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const [reason, setReason] = useState('');
  const cancel = useMutation(trpc.immersio.enrolment.cancel.mutationOptions());
  const upcoming = enrolment.sessions.upcoming + enrolment.sessions.pending;
  return (
    <ConfirmDialog
      title={t('app.workshops.enrolments.dialogTitle', { name: enrolment.attendee.name })}
      description={t('app.workshops.enrolments.dialogDescription', { count: upcoming })}
      cancelLabel={t('app.workshops.enrolments.keep')}
      confirmLabel={t('app.workshops.enrolments.confirm')}
      failureMessage={t('app.workshops.enrolments.failed')}
      onConfirm={async () => {
        const result = await cancel.mutateAsync({
          enrolmentId: enrolment.id,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.immersio.enrolment.list.queryKey({ workshopId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.get.queryKey({ workshopId }) }),
        ]);
        toast(t('app.workshops.enrolments.cancelled'), {
          description:
            result.refund.status === 'not_applicable'
              ? t('app.workshops.enrolments.nothingToRefund')
              : t('app.workshops.enrolments.refund', {
                  amount: formatMoney(result.refund.amount, result.refund.currency),
                  status: result.refund.status,
                }),
        });
      }}
      onClose={onClose}
    >
      <div className="space-y-3 text-sm text-slate-700">
        <p>{t('app.workshops.enrolments.body')}</p>
        <TextAreaField
          label={t('app.workshops.enrolments.reason')}
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
