import { useMutation, useQuery } from '@tanstack/react-query';
import { cancelSessionInput } from '../../../../src/modules/bookings/procedures/cancel-session.schema.ts';
import { TextAreaField } from '../../components/ui/field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import { useActionForm } from './use-action-form.ts';

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
  const t = useT();
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
      toast(t('app.bookings.cancelSession.toast'), {
        description: t('app.bookings.cancelSession.toastBody', {
          bookings: result.cancelledBookings,
          refunds: result.refundsIssued,
        }),
      });
      onClose();
    },
  });

  const data = preview.data;
  const summary = data ? (
    <section aria-label={t('app.bookings.cancelSession.refunds')}>
      {data.bookings.length === 0 ? (
        <p className="text-sm text-slate-700">{t('app.bookings.cancelSession.nobody')}</p>
      ) : (
        <div className="max-h-64 overflow-y-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('app.bookings.cancelSession.caption')}</caption>
            <TableHead
              columns={[
                t('app.bookings.results.attendee'),
                { label: t('app.bookings.cancelSession.refund'), alignRight: true },
              ]}
            />
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
                      : t(
                          b.status === 'pending'
                            ? 'app.bookings.cancelSession.nothingPaid'
                            : b.paid
                              ? 'app.bookings.cancelSession.alreadyRefunded'
                              : 'app.bookings.cancelSession.free',
                        )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3 text-sm font-medium text-slate-900">
        {data.totals.length === 0
          ? t('app.bookings.cancelSession.totalNone', { count: data.cancelledBookings })
          : t('app.bookings.cancelSession.totals', {
              count: data.cancelledBookings,
              amounts: data.totals.map((total) => formatMoney(total.amount, total.currency)).join(' + '),
            })}
      </p>
    </section>
  ) : preview.isError ? (
    <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
  ) : (
    <Spinner label={t('app.bookings.cancelSession.working')} />
  );

  return (
    <ActionDialog
      title={t('app.bookings.cancelSession.title', { title })}
      description={t('app.bookings.cancelSession.description')}
      formId="cancel-session-form"
      onSubmit={onSubmit}
      keepLabel={t('app.bookings.cancelSession.keep')}
      actLabel={t('app.bookings.cancelSession.act')}
      danger
      wide
      busy={isSubmitting}
      ready={data !== undefined}
      error={errors.root?.message}
      onClose={onClose}
      before={summary}
    >
      <TextAreaField
        label={t('app.bookings.dialog.reason')}
        hint={t('app.bookings.cancelSession.reasonHint')}
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
    </ActionDialog>
  );
}
