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
import type { AppRouter } from '../../trpc.ts';
import { useTRPC } from '../../trpc.ts';
import { Unavailable } from './feedback.tsx';
import type { Workshop } from './types.ts';

type Enrolment = inferRouterOutputs<AppRouter>['immersio']['enrolment']['list']['enrolments'][number];

const STATUS: Record<Enrolment['status'], { label: string; tone: 'green' | 'amber' | 'red' | 'slate' }> = {
  accepted: { label: 'Enrolled', tone: 'green' },
  pending: { label: 'Awaiting payment', tone: 'amber' },
  cancelled: { label: 'Cancelled', tone: 'red' },
  expired: { label: 'Not paid', tone: 'slate' },
};

const MODE_TEXT: Record<Workshop['enrolment'], string> = {
  both: 'Students book single sessions or enrol in the whole course.',
  course: 'Students can only enrol in the whole course.',
  session: 'Students book single sessions only: new enrolments are not offered.',
};

/**
 * The workshop's whole-course enrolments (`immersio.enrolment.list`), newest first: who, how
 * their sessions stand, what they paid; its teacher and admins cancel one (every session still
 * to come, each refunded its share).
 */
export function EnrolmentsTab({ workshop, canRead }: { workshop: Workshop; canRead: boolean }) {
  const trpc = useTRPC();
  const [cancelling, setCancelling] = useState<Enrolment>();
  const list = useQuery({
    ...trpc.immersio.enrolment.list.queryOptions({ workshopId: workshop.id }),
    enabled: canRead,
  });
  if (!canRead) {
    return (
      <Unavailable title="Not available">
        Only the school’s admins and this workshop’s teacher see its enrolments.
      </Unavailable>
    );
  }
  const zone = workshop.sessions[0]?.timeZone ?? 'UTC';
  return (
    <div className="max-w-5xl space-y-3">
      <p className="text-sm text-slate-700">
        {workshop.bookingMode === 'slots'
          ? 'A class booked by slot has no whole-course enrolment.'
          : MODE_TEXT[workshop.enrolment]}
        {workshop.coursePrice !== null
          ? ` Course price: ${formatMoney(workshop.coursePrice, workshop.currency)}, pro-rated for late joiners.`
          : ''}
      </p>
      {list.isPending ? (
        <Spinner label="Loading enrolments…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.enrolments.length === 0 ? (
        <EmptyState title="No enrolments yet">Students who enrol in the whole course appear here.</EmptyState>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {list.data.enrolments.length} enrolments{list.data.truncated ? ' (the newest)' : ''}
          </p>
          {/* relative: the screen-reader-only labels stay inside the scroller, not widening the page. */}
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Enrolments in {workshop.title}</caption>
              <TableHead
                columns={[
                  'Student',
                  'Status',
                  'Sessions',
                  { label: 'Amount', alignRight: true },
                  'Enrolled',
                  { label: 'Actions', hidden: true },
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
                      <Badge tone={STATUS[e.status].tone}>{STATUS[e.status].label}</Badge>
                    </td>
                    <td className="px-3 py-2 text-slate-800">
                      {e.sessionCount} of {e.courseSessions}
                      <p className="text-xs text-slate-600">
                        {e.sessions.upcoming} upcoming
                        {e.sessions.cancelled > 0 ? ` · ${e.sessions.cancelled} cancelled` : ''}
                      </p>
                    </td>
                    <td className="px-3 py-2 text-right text-slate-800">
                      {e.amount > 0 ? formatMoney(e.amount, e.currency) : 'Free'}
                      {e.refunded > 0 ? (
                        <p className="text-xs text-slate-600">
                          {formatMoney(e.refunded, e.currency)} refunded
                        </p>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-800">
                      {formatDate(e.createdAt, zone)}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {e.status === 'accepted' || e.status === 'pending' ? (
                        <Button variant="secondary" size="sm" onClick={() => setCancelling(e)}>
                          Cancel<span className="sr-only"> the enrolment of {e.attendee.name}</span>
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
  const [reason, setReason] = useState('');
  const cancel = useMutation(trpc.immersio.enrolment.cancel.mutationOptions());
  const upcoming = enrolment.sessions.upcoming + enrolment.sessions.pending;
  return (
    <ConfirmDialog
      title={`Cancel the enrolment of ${enrolment.attendee.name}?`}
      description={`${upcoming} session${upcoming === 1 ? '' : 's'} still to come will be cancelled; past sessions stay.`}
      cancelLabel="Keep the enrolment"
      confirmLabel="Cancel enrolment"
      failureMessage="Could not cancel the enrolment."
      onConfirm={async () => {
        const result = await cancel.mutateAsync({
          enrolmentId: enrolment.id,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.immersio.enrolment.list.queryKey({ workshopId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.get.queryKey({ workshopId }) }),
        ]);
        toast('Enrolment cancelled', {
          description:
            result.refund.status === 'not_applicable'
              ? 'Nothing to refund.'
              : `${formatMoney(result.refund.amount, result.refund.currency)} refund ${result.refund.status}.`,
        });
      }}
      onClose={onClose}
    >
      <div className="space-y-3 text-sm text-slate-700">
        <p>
          Each cancelled session is refunded its share of what the student paid. The student is told by
          e-mail.
        </p>
        <TextAreaField
          label="Reason (optional, sent to the student)"
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
