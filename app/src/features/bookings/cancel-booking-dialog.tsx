import { useMutation } from '@tanstack/react-query';
import { cancelBookingInput } from '../../../../src/modules/bookings/procedures/cancel-booking.schema.ts';
import { TextAreaField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import type { StaffBooking } from './booking-badges.tsx';
import { useActionForm } from './use-action-form.ts';

const reasonForm = cancelBookingInput.pick({ reason: true });

/** Cancels one booking with a reason the student reads; staff cancellations refund in full. */
export function CancelBookingDialog({ booking, onClose }: { booking: StaffBooking; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const cancel = useMutation(trpc.immersio.booking.cancel.mutationOptions());
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
      const { refund } = await cancel.mutateAsync({ bookingId: booking.id, reason: reason || undefined });
      toast('Booking cancelled', {
        description: refund.eligible
          ? `${formatMoney(refund.amount, refund.currency)} ${refund.status === 'failed' ? 'could not be refunded: try Refund again' : 'refunded to the student'}.`
          : `${booking.attendee.name} has been told.`,
        tone: refund.status === 'failed' ? 'error' : 'success',
      });
      onClose();
    },
  });

  return (
    <ActionDialog
      title={`Cancel ${booking.attendee.name}’s booking?`}
      description="The seat is freed at once. Anything paid is refunded in full, and the student gets an e-mail with your reason."
      formId="cancel-booking-form"
      onSubmit={onSubmit}
      keepLabel="Keep booking"
      actLabel="Cancel booking"
      danger
      busy={isSubmitting}
      error={errors.root?.message}
      onClose={onClose}
    >
      <TextAreaField
        label="Reason"
        hint="Sent to the student in the cancellation e-mail."
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
    </ActionDialog>
  );
}
