import { useMutation } from '@tanstack/react-query';
import { cancelBookingInput } from '../../../../src/modules/bookings/procedures/cancel-booking.schema.ts';
import { TextAreaField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import type { StaffBooking } from './booking-badges.tsx';
import { useActionForm } from './use-action-form.ts';

const reasonForm = cancelBookingInput.pick({ reason: true });

/** Cancels one booking with a reason the student reads; staff cancellations refund in full. */
export function CancelBookingDialog({ booking, onClose }: { booking: StaffBooking; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const t = useT();
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
      toast(t('app.bookings.cancelBooking.toast'), {
        description: refund.eligible
          ? t(
              refund.status === 'failed'
                ? 'app.bookings.cancelBooking.refundFailed'
                : 'app.bookings.cancelBooking.refunded',
              { amount: formatMoney(refund.amount, refund.currency) },
            )
          : t('app.bookings.cancelBooking.told', { name: booking.attendee.name }),
        tone: refund.status === 'failed' ? 'error' : 'success',
      });
      onClose();
    },
  });

  return (
    <ActionDialog
      title={t('app.bookings.cancelBooking.title', { name: booking.attendee.name })}
      description={t('app.bookings.cancelBooking.description')}
      formId="cancel-booking-form"
      onSubmit={onSubmit}
      keepLabel={t('app.bookings.cancelBooking.keep')}
      actLabel={t('app.bookings.cancelBooking.act')}
      danger
      busy={isSubmitting}
      error={errors.root?.message}
      onClose={onClose}
    >
      <TextAreaField
        label={t('app.bookings.dialog.reason')}
        hint={t('app.bookings.cancelBooking.reasonHint')}
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
    </ActionDialog>
  );
}
