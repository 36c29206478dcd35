import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { moveSessionInput } from '../../../../src/modules/bookings/procedures/move-session.schema.ts';
import { TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { instantToZoned, zonedToInstant } from '../../lib/zoned-time.ts';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import { useActionForm } from './use-action-form.ts';

// The new start is typed as a wall-clock date and time in the session's zone, as it was planned.
const moveForm = (t: (key: AppMessageKey) => string) =>
  z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('app.bookings.move.chooseDate')),
    time: z.string().regex(/^\d{2}:\d{2}$/, t('app.bookings.move.chooseTime')),
    reason: moveSessionInput.shape.reason,
  });

/**
 * Moves the whole session (and its bookings) to a new start with the same length. The attendees
 * are told and may cancel with a full refund until the new start; a refusal (the teacher is busy
 * then, another session of the workshop starts then, …) is shown as the server words it.
 */
export function MoveSessionDialog({
  session,
  onClose,
}: {
  session: { id: number; title: string; startTime: Date; timeZone: string; bookedSeats: number };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const schema = useMemo(() => moveForm(t), [t]);
  const queryClient = useQueryClient();
  const move = useMutation(trpc.immersio.workshop.moveSession.mutationOptions());
  const current = instantToZoned(session.startTime, session.timeZone);
  const {
    form: {
      register,
      setError,
      formState: { errors, isSubmitting },
    },
    onSubmit,
  } = useActionForm({
    schema,
    defaultValues: { date: current.date, time: current.time, reason: '' },
    fields: ['date', 'time', 'reason'],
    act: async ({ date, time, reason }) => {
      const startTime = zonedToInstant(date, time, session.timeZone);
      if (!startTime) {
        setError('time', { type: 'validate', message: t('app.bookings.move.invalidTime') });
        return;
      }
      const result = await move.mutateAsync({
        sessionId: session.id,
        startTime,
        reason: reason || undefined,
      });
      // The workshop's sessions tab and the calendar show the old time until refetched.
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.calendar.pathKey() });
      toast(t('app.bookings.move.toast'), {
        description: t('app.bookings.move.toastBody', {
          time: formatDateTime(result.session.startTime, session.timeZone),
          count: result.movedBookings,
        }),
        tone: 'success',
      });
      onClose();
    },
    // The server's refusals concern the new time as a whole: shown under the form, in its words.
    describeError: (error) => errorText(error, 'app.bookings.move.failed'),
  });

  return (
    <ActionDialog
      title={t('app.bookings.move.title', { title: session.title })}
      description={t(
        session.bookedSeats > 0
          ? 'app.bookings.move.descriptionBooked'
          : 'app.bookings.move.descriptionEmpty',
        { zone: session.timeZone },
      )}
      formId="move-session-form"
      onSubmit={onSubmit}
      keepLabel={t('app.bookings.move.keep')}
      actLabel={t('app.bookings.move.act')}
      busy={isSubmitting}
      error={errors.root?.message}
      onClose={onClose}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('app.bookings.move.date')}
          type="date"
          error={errors.date?.message}
          {...register('date')}
        />
        <TextField
          label={t('app.bookings.move.time')}
          type="time"
          error={errors.time?.message}
          {...register('time')}
        />
      </div>
      <TextAreaField
        label={t('app.bookings.dialog.reason')}
        hint={t('app.bookings.move.reasonHint')}
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
    </ActionDialog>
  );
}
