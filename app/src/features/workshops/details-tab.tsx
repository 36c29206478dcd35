import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui/toast.tsx';
import { formatMoney } from '../../lib/format.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { LOCATION_LABELS } from './location-fields.tsx';
import type { Workshop } from './types.ts';
import { TYPES, WorkshopForm } from './workshop-form.tsx';
import { type LocationType, workshopToValues } from './workshop-form-model.ts';

/** Admins edit every field here; a teacher reads them. */
export function DetailsTab({ workshop, canEdit }: { workshop: Workshop; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const update = useMutation(trpc.immersio.workshop.update.mutationOptions());

  if (!canEdit) return <ReadOnlyDetails workshop={workshop} />;
  return (
    <WorkshopForm
      // A fresh form after each save: the schedule switch and the defaults start from what was saved.
      key={workshop.updatedAt.toISOString()}
      mode="edit"
      workshopId={workshop.id}
      defaultValues={workshopToValues(workshop)}
      submitLabel={t('app.workshops.details.submit')}
      save={async (input) => {
        const updated = await update.mutateAsync(input);
        queryClient.setQueryData(trpc.immersio.workshop.get.queryKey({ workshopId: workshop.id }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.list.pathKey() });
        toast(t(input.startTime ? 'app.workshops.details.savedSchedule' : 'app.workshops.details.saved'));
      }}
    />
  );
}

type T = ReturnType<typeof useT>;

const TYPE_LABELS = Object.fromEntries(TYPES) as Record<Workshop['workshopType'], AppMessageKey>;

function ReadOnlyDetails({ workshop: w }: { workshop: Workshop }) {
  const t = useT();
  const rows: Array<[string, string]> = [
    [t('app.workshops.details.type'), t(TYPE_LABELS[w.workshopType])],
    [t('app.workshops.details.topic'), w.topicCategory ?? '—'],
    [
      t('app.workshops.details.price'),
      w.price === 0 ? t('app.workshops.details.free') : formatMoney(w.price, w.currency),
    ],
    [t('app.workshops.details.seats'), String(w.seats)],
    [t('app.workshops.details.duration'), t('app.workshops.details.minutes', { count: w.duration })],
    [
      t('app.workshops.details.refundWindow'),
      t('app.workshops.details.hoursBeforeStart', { count: w.refundWindowHours }),
    ],
    [
      t('app.workshops.details.cancellationNotice'),
      t('app.workshops.details.hours', { count: w.cancellationNoticeHours }),
    ],
    [
      t('app.workshops.details.studentsBook'),
      t(
        w.bookingMode === 'slots'
          ? 'app.workshops.details.fromAvailability'
          : 'app.workshops.details.plannedSessions',
      ),
    ],
    ...(w.bookingMode === 'slots' ? slotRows(w, t) : []),
    [
      t('app.workshops.details.whitelist'),
      w.whitelistEnabled
        ? t('app.workshops.details.whitelistOn', { count: w.whitelistCount })
        : t('app.workshops.details.off'),
    ],
    [t('app.workshops.details.course'), w.immersioCourseId ?? t('app.workshops.details.none')],
    [
      t('app.workshops.details.locations'),
      w.locations
        .map((l) => {
          const label = LOCATION_LABELS[l.type as LocationType];
          return t('app.workshops.details.location', {
            type: label ? t(label) : l.type,
            place: l.link ?? l.address ?? '',
          });
        })
        .join('; '),
    ],
  ];
  return (
    <div className="max-w-3xl space-y-4">
      {w.description ? <p className="whitespace-pre-line text-sm text-slate-800">{w.description}</p> : null}
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600">{t('app.workshops.details.adminOnly')}</p>
    </div>
  );
}

/** A slot-booked workshop's settings, as a teacher reads them. */
function slotRows(w: Workshop, t: T): Array<[string, string]> {
  return [
    [
      t('app.workshops.details.slotInterval'),
      t('app.workshops.details.minutes', { count: w.slotIntervalMinutes ?? w.duration }),
    ],
    [
      t('app.workshops.details.buffers'),
      t('app.workshops.details.buffersValue', { before: w.bufferBeforeMinutes, after: w.bufferAfterMinutes }),
    ],
    [
      t('app.workshops.details.minimumNotice'),
      t('app.workshops.details.minutes', { count: w.minimumNoticeMinutes }),
    ],
    [
      t('app.workshops.details.horizon'),
      t('app.workshops.details.daysAhead', { count: w.bookingHorizonDays }),
    ],
    [
      t('app.workshops.details.maxPerDay'),
      w.maxBookingsPerDay == null ? t('app.workshops.details.noLimit') : String(w.maxBookingsPerDay),
    ],
  ];
}
