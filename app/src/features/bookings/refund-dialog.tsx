import { useMutation } from '@tanstack/react-query';
import { refundBookingInput } from '../../../../src/modules/bookings/procedures/refund-booking.schema.ts';
import { CheckboxField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import type { StaffBooking } from './booking-badges.tsx';
import { useActionForm } from './use-action-form.ts';

const forceForm = refundBookingInput.pick({ force: true });

/** An admin refunds a paid booking; outside the workshop's refund window only with `force`. */
export function RefundDialog({ booking, onClose }: { booking: StaffBooking; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const refund = useMutation(trpc.immersio.booking.refund.mutationOptions());
  const payment = booking.payment!;
  const {
    form: {
      register,
      setError,
      formState: { errors, isSubmitting },
    },
    onSubmit,
  } = useActionForm({
    schema: forceForm,
    defaultValues: { force: false },
    fields: ['force'],
    act: async ({ force }) => {
      const result = await refund.mutateAsync({ bookingId: booking.id, force: force || undefined });
      if (result.refund.status === 'failed') {
        setError('root', { message: t('app.bookings.refund.stripeRefused') });
        return;
      }
      toast(
        t(result.refund.status === 'pending' ? 'app.bookings.refund.requested' : 'app.bookings.refund.done'),
        {
          description: t('app.bookings.refund.toastBody', {
            amount: formatMoney(result.refund.amount, result.refund.currency),
            name: booking.attendee.name,
          }),
        },
      );
      onClose();
    },
    // Offered only for a paid, unrefunded booking: refused without force means outside the window.
    describeError: (error, { force }) =>
      appCodeOf(error) === 'REFUND_NOT_ELIGIBLE' && !force
        ? t('app.bookings.refund.outsideWindow')
        : errorText(error, 'app.bookings.refund.failed'),
  });

  return (
    <ActionDialog
      title={t('app.bookings.refund.title', {
        amount: formatMoney(payment.amount, payment.currency),
        name: booking.attendee.name,
      })}
      description={t('app.bookings.refund.description')}
      formId="refund-form"
      onSubmit={onSubmit}
      keepLabel={t('app.bookings.refund.close')}
      actLabel={t('app.bookings.refund.act')}
      busy={isSubmitting}
      error={errors.root?.message}
      onClose={onClose}
    >
      <CheckboxField
        label={t('app.bookings.refund.force')}
        hint={t('app.bookings.refund.forceHint')}
        {...register('force')}
      />
    </ActionDialog>
  );
}
