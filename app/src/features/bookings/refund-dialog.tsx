import { useMutation } from '@tanstack/react-query';
import { refundBookingInput } from '../../../../src/modules/bookings/procedures/refund-booking.schema.ts';
import { CheckboxField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import type { StaffBooking } from './booking-badges.tsx';
import { useActionForm } from './use-action-form.ts';

const forceForm = refundBookingInput.pick({ force: true });

/** An admin refunds a paid booking; outside the workshop's refund window only with `force`. */
export function RefundDialog({ booking, onClose }: { booking: StaffBooking; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
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
        setError('root', {
          message: 'Stripe refused the refund. Check the payment in Stripe and try again.',
        });
        return;
      }
      toast(result.refund.status === 'pending' ? 'Refund requested' : 'Refunded', {
        description: `${formatMoney(result.refund.amount, result.refund.currency)} to ${booking.attendee.name}.`,
      });
      onClose();
    },
    // Offered only for a paid, unrefunded booking: refused without force means outside the window.
    describeError: (error, { force }) =>
      appCodeOf(error) === 'REFUND_NOT_ELIGIBLE' && !force
        ? 'The refund window of this workshop has passed. Tick “Refund even outside the refund window” to refund anyway.'
        : error instanceof Error
          ? error.message
          : undefined,
  });

  return (
    <ActionDialog
      title={`Refund ${formatMoney(payment.amount, payment.currency)} to ${booking.attendee.name}?`}
      description="The whole payment goes back to the student's card; the booking itself stays as it is."
      formId="refund-form"
      onSubmit={onSubmit}
      keepLabel="Close"
      actLabel="Refund"
      busy={isSubmitting}
      error={errors.root?.message}
      onClose={onClose}
    >
      <CheckboxField
        label="Refund even outside the refund window"
        hint="The workshop's policy refunds only until a set number of hours before the start."
        {...register('force')}
      />
    </ActionDialog>
  );
}
