import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { cx } from '../../lib/cx.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { StaffBooking } from './booking-badges.tsx';

// Issue 17: from a session's start, staff mark who came. The server decides when marking opens
// (the roster's `permissions.markAttendance`) and refuses anything else; this only offers it.

type Attendance = NonNullable<StaffBooking['attendance']>['status'];

const LABELS: Record<Attendance, AppMessageKey> = {
  attended: 'app.bookings.attendance.attended',
  no_show: 'app.bookings.attendance.noShow',
};

/** The recorded mark, or nothing while unmarked. */
export function AttendanceBadge({ booking }: { booking: StaffBooking }) {
  const t = useT();
  if (!booking.attendance) return null;
  const { status } = booking.attendance;
  return <Badge tone={status === 'attended' ? 'green' : 'amber'}>{t(LABELS[status])}</Badge>;
}

/** After a mark (or a refusal), the roster and lists on screen are read again. */
function useMarkMutation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const settled = () => queryClient.invalidateQueries({ queryKey: trpc.immersio.booking.pathKey() });
  const onError = (error: unknown) =>
    toast(t('app.bookings.attendance.notSaved'), {
      description: errorText(error, 'app.bookings.attendance.tryAgain'),
      tone: 'error',
    });
  return { trpc, settled, onError, toast, t };
}

/** "Attended / No-show" for one confirmed booking once its session has started; the mark otherwise. */
export function AttendanceControl({ booking, canMark }: { booking: StaffBooking; canMark: boolean }) {
  const { trpc, settled, onError, t } = useMarkMutation();
  const mark = useMutation(
    trpc.immersio.booking.markAttendance.mutationOptions({ onError, onSettled: settled }),
  );
  if (!canMark || booking.status !== 'accepted') return <AttendanceBadge booking={booking} />;
  const current = booking.attendance?.status;
  return (
    <fieldset
      className="inline-flex rounded-md border border-slate-300"
      aria-busy={mark.isPending || undefined}
    >
      <legend className="sr-only">
        {t('app.bookings.attendance.legend', { name: booking.attendee.name })}
      </legend>
      {(['attended', 'no_show'] as const).map((value) => {
        const chosen = (mark.isPending ? mark.variables?.attendance : current) === value;
        return (
          <button
            key={value}
            type="button"
            aria-pressed={chosen}
            disabled={mark.isPending}
            onClick={() => mark.mutate({ bookingId: booking.id, attendance: value })}
            className={cx(
              'h-8 whitespace-nowrap px-2.5 text-xs font-medium first:rounded-l-md last:rounded-r-md disabled:cursor-wait',
              chosen
                ? value === 'attended'
                  ? 'bg-green-700 text-white'
                  : 'bg-amber-700 text-white'
                : 'bg-white text-slate-800 hover:bg-slate-50',
            )}
          >
            {t(LABELS[value])}
          </button>
        );
      })}
    </fieldset>
  );
}

/** Marks every confirmed booking not marked yet as attended, in one call (the no-shows stay). */
export function MarkRestAttended({ sessionId, bookings }: { sessionId: number; bookings: StaffBooking[] }) {
  const { trpc, settled, onError, toast, t } = useMarkMutation();
  const markAll = useMutation(
    trpc.immersio.booking.markSessionAttendance.mutationOptions({
      onError,
      onSettled: settled,
      onSuccess: ({ marked }) => toast(t('app.bookings.attendance.markedToast', { count: marked })),
    }),
  );
  const unmarked = bookings.filter((b) => b.status === 'accepted' && !b.attendance).length;
  if (unmarked === 0) return null;
  return (
    <Button
      variant="secondary"
      busy={markAll.isPending}
      onClick={() => markAll.mutate({ sessionId, attendance: 'attended' })}
    >
      {t('app.bookings.attendance.markRest', { count: unmarked })}
    </Button>
  );
}
