import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { moveSessionInput } from '../../../../src/modules/bookings/procedures/move-session.schema.ts';
import { TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { instantToZoned, zonedToInstant } from '../../lib/zoned-time.ts';
import { useTRPC } from '../../trpc.ts';
import { ActionDialog } from './action-dialog.tsx';
import { useActionForm } from './use-action-form.ts';

// The new start is typed as a wall-clock date and time in the session's zone, as it was planned.
const moveForm = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date'),
  time: z.string().regex(/^\d{2}:\d{2}$/, 'Choose a time'),
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
    schema: moveForm,
    defaultValues: { date: current.date, time: current.time, reason: '' },
    fields: ['date', 'time', 'reason'],
    act: async ({ date, time, reason }) => {
      const startTime = zonedToInstant(date, time, session.timeZone);
      if (!startTime) {
        setError('time', { type: 'validate', message: 'This time does not exist in the session’s zone' });
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
      toast('Session moved', {
        description: `Now ${formatDateTime(result.session.startTime, session.timeZone)}; ${
          result.movedBookings === 1 ? '1 booking' : `${result.movedBookings} bookings`
        } moved with it.`,
        tone: 'success',
      });
      onClose();
    },
    // The server's refusals concern the new time as a whole: shown under the form, in its words.
    describeError: (error) => (error instanceof Error ? error.message : undefined),
  });

  return (
    <ActionDialog
      title={`Move this session of ${session.title}?`}
      description={`Pick the new start (${session.timeZone}); the session keeps its length. ${
        session.bookedSeats > 0
          ? 'Every attendee gets an e-mail with the new time and an updated calendar invite, and may cancel with a full refund until the new start.'
          : 'Nobody has booked it yet.'
      }`}
      formId="move-session-form"
      onSubmit={onSubmit}
      keepLabel="Keep the time"
      actLabel="Move session"
      busy={isSubmitting}
      error={errors.root?.message}
      onClose={onClose}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="New date" type="date" error={errors.date?.message} {...register('date')} />
        <TextField label="New start time" type="time" error={errors.time?.message} {...register('time')} />
      </div>
      <TextAreaField
        label="Reason"
        hint="Optional; shown to the attendees and staff in the e-mails."
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
    </ActionDialog>
  );
}
