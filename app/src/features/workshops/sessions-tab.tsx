import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { addSessionsInput } from '../../../../src/modules/workshops/procedures/add-sessions.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Badge, EmptyState } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime, zoneOffsetName } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { useToastError } from './feedback.tsx';
import { ScheduleFields } from './schedule-fields.tsx';
import { placeServerErrors } from './server-errors.ts';
import type { Workshop } from './types.ts';
import { emptyWorkshopValues, scheduleInput, type WorkshopFormValues } from './workshop-form-model.ts';
import { fieldForPath, procedureResolver } from './workshop-form-resolver.ts';

type Session = Workshop['sessions'][number];

/** The workshop's sessions with their seats taken; admins add more and remove unbooked ones. */
export function SessionsTab({ workshop, canEdit }: { workshop: Workshop; canEdit: boolean }) {
  const t = useT();
  const [removing, setRemoving] = useState<Session | null>(null);
  const now = new Date();
  const upcoming = workshop.sessions.filter((s) => s.endTime > now);
  const past = workshop.sessions.filter((s) => s.endTime <= now).reverse();
  return (
    <div className="max-w-4xl space-y-6">
      <section aria-labelledby="upcoming-sessions" className="space-y-2">
        <h2 id="upcoming-sessions" className="text-lg font-semibold text-slate-900">
          {t('app.workshops.sessions.upcoming')}
        </h2>
        {upcoming.length === 0 ? (
          <EmptyState title={t('app.workshops.sessions.noUpcoming')}>
            {canEdit ? t('app.workshops.sessions.noUpcomingAdmin') : null}
          </EmptyState>
        ) : (
          <SessionList sessions={upcoming} onRemove={canEdit ? setRemoving : undefined} />
        )}
      </section>
      {past.length > 0 ? (
        <details className="rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            {t('app.workshops.sessions.past', { count: past.length })}
          </summary>
          <div className="mt-3">
            <SessionList sessions={past} />
          </div>
        </details>
      ) : null}
      {canEdit && workshop.status !== 'archived' ? <AddSessionsForm workshop={workshop} /> : null}
      {removing ? (
        <RemoveSessionDialog workshop={workshop} session={removing} onClose={() => setRemoving(null)} />
      ) : null}
    </div>
  );
}

function SessionList({
  sessions,
  onRemove,
}: {
  sessions: Session[];
  onRemove?: ((s: Session) => void) | undefined;
}) {
  const t = useT();
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {sessions.map((s) => {
        const label = t('app.workshops.sessions.when', {
          when: formatDateTime(s.startTime, s.timeZone, { dateStyle: 'full' }),
          zone: zoneOffsetName(s.startTime, s.timeZone),
        });
        const booked = s.bookedSeats > 0;
        return (
          <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3 text-sm">
            <div className="min-w-0 flex-1">
              <Link
                to="/sessions/$sessionId"
                params={{ sessionId: String(s.id) }}
                className="font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {label}
              </Link>
              <p className="text-xs text-slate-600">{s.timeZone}</p>
            </div>
            <span className="text-slate-800">
              {t('app.workshops.sessions.seatsTaken', { taken: s.bookedSeats, seats: s.seats })}
            </span>
            {s.status !== 'scheduled' ? (
              <Badge tone="red">{t('app.workshops.sessions.status', { status: s.status })}</Badge>
            ) : null}
            {onRemove && s.status === 'scheduled' ? (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onRemove(s)}
                aria-label={t('app.workshops.sessions.removeLabel', { when: label })}
              >
                {t('app.workshops.sessions.remove')}
              </Button>
            ) : null}
            {onRemove && booked ? (
              <span className="sr-only">{t('app.workshops.sessions.hasBookings')}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * `removeSession` deletes a session nobody has booked; one with bookings is refused (CONFLICT)
 * and must be cancelled from its roster, where the students are refunded. The dialog says so.
 */
function RemoveSessionDialog({
  workshop,
  session,
  onClose,
}: {
  workshop: Workshop;
  session: Session;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toastError = useToastError();
  const t = useT();
  const remove = useMutation(trpc.immersio.workshop.removeSession.mutationOptions());
  const when = formatDateTime(session.startTime, session.timeZone, { dateStyle: 'full' });
  const booked = session.bookedSeats > 0;
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.workshops.sessions.removeTitle')}
      description={t('app.workshops.sessions.removeDescription', { when, zone: session.timeZone })}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.workshops.sessions.keep')}
          </Button>
          {booked ? (
            <Link
              to="/sessions/$sessionId"
              params={{ sessionId: String(session.id) }}
              className="inline-flex h-10 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t('app.workshops.sessions.openRoster')}
            </Link>
          ) : (
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={async () => {
                try {
                  await remove.mutateAsync({ workshopId: workshop.id, sessionId: session.id });
                  await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.pathKey() });
                  toast(t('app.workshops.sessions.removed'));
                  onClose();
                } catch (error) {
                  toastError('app.workshops.sessions.removeFailed', error);
                }
              }}
            >
              {t('app.workshops.sessions.removeConfirm')}
            </Button>
          )}
        </>
      }
    >
      <p className="text-sm text-slate-700">
        {booked
          ? t('app.workshops.sessions.bookedBody', { count: session.bookedSeats })
          : t('app.workshops.sessions.unbookedBody')}
      </p>
    </Dialog>
  );
}

function AddSessionsForm({ workshop }: { workshop: Workshop }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const teacherZone = members.data?.members.find((m) => m.userId === workshop.teacher.id)?.timeZone ?? 'UTC';
  const add = useMutation(trpc.immersio.workshop.addSessions.mutationOptions());
  const convert = (v: WorkshopFormValues) => ({ workshopId: workshop.id, ...scheduleInput(v, teacherZone) });
  const form = useForm<WorkshopFormValues>({
    defaultValues: {
      ...emptyWorkshopValues(workshop.teacher.id),
      duration: String(workshop.duration),
      // New sessions follow the zone the workshop's sessions are planned in.
      timeZone: workshop.sessions.at(-1)?.timeZone ?? '',
      frequency: 'none',
      count: '4',
    },
    resolver: procedureResolver(addSessionsInput, convert, t),
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await add.mutateAsync(convert(values) as Parameters<typeof add.mutateAsync>[0]);
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.pathKey() });
      toast(t('app.workshops.sessions.added', { count: result.added }), {
        description:
          result.duplicatesSkipped > 0
            ? t('app.workshops.sessions.duplicates', { count: result.duplicatesSkipped })
            : undefined,
      });
      form.reset();
    } catch (error) {
      placeServerErrors(error, form.setError, fieldForPath);
    }
  });

  return (
    <section
      aria-labelledby="add-sessions"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="add-sessions" className="text-lg font-semibold text-slate-900">
        {t('app.workshops.sessions.addTitle')}
      </h2>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <ScheduleFields
          mode="add"
          control={form.control}
          register={form.register}
          errors={errors}
          teacherZone={teacherZone}
        />
        {errors.root?.message ? (
          <p role="alert" className="text-sm text-red-700">
            {errors.root.message}
          </p>
        ) : null}
        <Button type="submit" busy={isSubmitting}>
          {t('app.workshops.sessions.addSubmit')}
        </Button>
      </form>
    </section>
  );
}
