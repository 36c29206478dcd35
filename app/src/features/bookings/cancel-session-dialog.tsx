import { useMutation, useQuery } from '@tanstack/react-query';
import { cancelSessionInput } from '../../../../src/modules/bookings/procedures/cancel-session.schema.ts';
import { TextAreaField } from '../../components/ui/field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import { useActionForm } from './use-action-form.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const reasonForm = cancelSessionInput.pick({ reason: true });

/**
 * Cancels a whole session after showing who gets how much back: the preview is computed by the
 * same rules the cancellation applies, so the list is what will happen.
 */
export function CancelSessionDialog({
  sessionId,
  title,
  onClose,
}: {
  sessionId: number;
  title: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const preview = useQuery({
    ...trpc.immersio.booking.previewSessionCancellation.queryOptions({ sessionId }),
    // Always fresh when the dialog opens: the roster may have changed since.
    staleTime: 0,
    gcTime: 0,
  });
  const cancelSession = useMutation(trpc.immersio.booking.cancelSession.mutationOptions());
  const {
    form: {
      register,
      formState: { errors, isSubmitting },
    },
    onSubmit,
  } = useActionForm({
    schema: reasonForm,
    defaultValues: { reason: '' },
    fields: ['reason'],
    act: async ({ reason }) => {
      const result = await cancelSession.mutateAsync({ sessionId, reason: reason || undefined });
      toast('Session cancelled', {
        description: `${plural(result.cancelledBookings, 'booking')} cancelled, ${plural(result.refundsIssued, 'refund')} issued.`,
      });
      onClose();
    },
  });

  const data = preview.data;
  const summary = data ? (
    <section aria-label="Refunds">
      {data.bookings.length === 0 ? (
        <p className="text-sm text-slate-700">Nobody is booked: no one to refund.</p>
      ) : (
        <div className="max-h-64 overflow-y-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Who is refunded how much</caption>
            <TableHead columns={['Attendee', { label: 'Refund', alignRight: true }]} />
            <tbody className="divide-y divide-slate-100">
              {data.bookings.map((b) => (
                <tr key={b.id}>
                  <td className="px-3 py-2">
                    <div className="text-slate-900">{b.attendee.name}</div>
                    <div className="text-xs text-slate-600">{b.attendee.email}</div>
                  </td>
                  <td className="px-3 py-2 text-right text-slate-900">
                    {b.refund
                      ? formatMoney(b.refund.amount, b.refund.currency)
                      : b.status === 'pending'
                        ? 'Nothing paid yet'
                        : b.paid
                          ? 'Already refunded'
                          : 'Free'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3 text-sm font-medium text-slate-900">
        {plural(data.cancelledBookings, 'booking')} cancelled ·{' '}
        {data.totals.length === 0
          ? 'nothing to refund'
          : `refunds: ${data.totals.map((t) => formatMoney(t.amount, t.currency)).join(' + ')}`}
      </p>
    </section>
  ) : preview.isError ? (
    <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
  ) : (
    <Spinner label="Working out the refunds…" />
  );

  return (
    <ActionDialog
      title={`Cancel this session of ${title}?`}
      description="Every booking is cancelled and refunded in full, and each student gets an e-mail with your reason. The session can no longer be booked."
      formId="cancel-session-form"
      onSubmit={onSubmit}
      keepLabel="Keep session"
      actLabel="Cancel session"
      danger
      wide
      busy={isSubmitting}
      ready={data !== undefined}
      error={errors.root?.message}
      onClose={onClose}
      before={summary}
    >
      <TextAreaField
        label="Reason"
        hint="Sent to every student in the cancellation e-mail."
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
    </ActionDialog>
  );
}
