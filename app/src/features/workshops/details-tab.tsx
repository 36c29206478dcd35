import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui/toast.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { LOCATION_LABELS } from './location-fields.tsx';
import type { Workshop } from './types.ts';
import { WorkshopForm } from './workshop-form.tsx';
import { type LocationType, workshopToValues } from './workshop-form-model.ts';

const TYPE_LABELS = { workshop: 'Workshop', live_class: 'Live class', tutoring: 'Tutoring' } as const;

/** Admins edit every field here; a teacher reads them. */
export function DetailsTab({ workshop, canEdit }: { workshop: Workshop; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const update = useMutation(trpc.immersio.workshop.update.mutationOptions());

  if (!canEdit) return <ReadOnlyDetails workshop={workshop} />;
  return (
    <WorkshopForm
      // A fresh form after each save: the schedule switch and the defaults start from what was saved.
      key={workshop.updatedAt.toISOString()}
      mode="edit"
      workshopId={workshop.id}
      defaultValues={workshopToValues(workshop)}
      submitLabel="Save changes"
      save={async (input) => {
        const updated = await update.mutateAsync(input);
        queryClient.setQueryData(trpc.immersio.workshop.get.queryKey({ workshopId: workshop.id }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.list.pathKey() });
        toast(input.startTime ? 'Saved, with the new schedule' : 'Saved');
      }}
    />
  );
}

function ReadOnlyDetails({ workshop: w }: { workshop: Workshop }) {
  const rows: Array<[string, string]> = [
    ['Type', TYPE_LABELS[w.workshopType]],
    ['Topic', w.topicCategory ?? '—'],
    ['Price', w.price === 0 ? 'Free' : formatMoney(w.price, w.currency)],
    ['Seats', String(w.seats)],
    ['Duration', `${w.duration} minutes`],
    ['Refund window', `${w.refundWindowHours} hours before the start`],
    ['Cancellation notice', `${w.cancellationNoticeHours} hours`],
    ['Students book', w.bookingMode === 'slots' ? "From the teacher's availability" : 'Planned sessions'],
    ...(w.bookingMode === 'slots' ? slotRows(w) : []),
    ['Whitelist', w.whitelistEnabled ? `On (${w.whitelistCount} emails)` : 'Off'],
    ['Immersio course', w.immersioCourseId ?? 'None'],
    [
      'Locations',
      w.locations
        .map((l) => `${LOCATION_LABELS[l.type as LocationType] ?? l.type}: ${l.link ?? l.address ?? ''}`)
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
      <p className="text-sm text-slate-600">Only the school’s admins can change a workshop.</p>
    </div>
  );
}

/** A slot-booked workshop's settings, as a teacher reads them. */
function slotRows(w: Workshop): Array<[string, string]> {
  return [
    ['Slots start every', `${w.slotIntervalMinutes ?? w.duration} minutes`],
    ['Buffers', `${w.bufferBeforeMinutes} min before, ${w.bufferAfterMinutes} min after`],
    ['Minimum notice', `${w.minimumNoticeMinutes} minutes`],
    ['Bookable up to', `${w.bookingHorizonDays} days ahead`],
    ['Most sessions a day', w.maxBookingsPerDay == null ? 'No limit' : String(w.maxBookingsPerDay)],
  ];
}
