import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ActionMenu } from '../../components/ui/menu.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { formatDateTime, formatMoney, zoneOffsetName } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import { statusActions, useWorkshopActions, type WorkshopStatus } from './workshop-actions.ts';
import { STATUS_LABELS } from './workshop-filters.tsx';

export interface WorkshopRow {
  id: number;
  title: string;
  status: WorkshopStatus;
  price: number;
  currency: string;
  seats: number;
  bookedSeats: number;
  nextOccurrence: Date | null;
  teacher: { id: number; name: string };
}

const STATUS_TONES = { active: 'green', draft: 'amber', archived: 'slate' } as const;

export function StatusBadge({ status }: { status: WorkshopStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function priceLabel(price: number, currency: string) {
  return price === 0 ? 'Free' : formatMoney(price, currency);
}

/** The list's rows: one card each, laid out as columns on wide screens. */
export function WorkshopRows({ workshops, canManage }: { workshops: WorkshopRow[]; canManage: boolean }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const zoneOf = (teacherId: number) =>
    members.data?.members.find((m) => m.userId === teacherId)?.timeZone ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  const actions = useWorkshopActions();
  const navigate = useNavigate();

  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {workshops.map((w) => {
        const zone = zoneOf(w.teacher.id);
        const open = (tab: 'details' | 'sessions') =>
          navigate({ to: '/workshops/$workshopId', params: { workshopId: String(w.id) }, search: { tab } });
        return (
          <li key={w.id} className="flex flex-col gap-3 p-4 lg:flex-row lg:items-center">
            <div className="min-w-0 lg:w-1/4">
              <Link
                to="/workshops/$workshopId"
                params={{ workshopId: String(w.id) }}
                search={{ tab: 'details' }}
                className="font-semibold text-brand-700 underline-offset-2 hover:underline"
              >
                {w.title}
              </Link>
              <div className="mt-1">
                <StatusBadge status={w.status} />
              </div>
            </div>
            <dl className="grid flex-1 grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-600">Teacher</dt>
                <dd className="text-slate-900">{w.teacher.name}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">Price</dt>
                <dd className="text-slate-900">{priceLabel(w.price, w.currency)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">Next session</dt>
                <dd className="text-slate-900">
                  {w.nextOccurrence
                    ? `${formatDateTime(w.nextOccurrence, zone)} ${zoneOffsetName(w.nextOccurrence, zone)}`
                    : 'None planned'}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">Seats taken</dt>
                <dd className="text-slate-900">
                  {w.nextOccurrence ? `${w.bookedSeats} / ${w.seats}` : `– / ${w.seats}`}
                </dd>
              </div>
            </dl>
            <div className="lg:ml-auto">
              <ActionMenu
                label={`Actions for ${w.title}`}
                trigger="Actions"
                items={[
                  ...(canManage
                    ? [
                        { label: 'Edit', onSelect: () => void open('details') },
                        ...statusActions(w.status).map((a) => ({
                          label: a.label,
                          onSelect: () => void actions.setStatus(w.id, a.to),
                        })),
                      ]
                    : [{ label: 'View', onSelect: () => void open('details') }]),
                  { label: 'Sessions', onSelect: () => void open('sessions') },
                  { label: 'Copy booking link', onSelect: () => void actions.copyLink(w.id) },
                  ...(w.status === 'active'
                    ? [{ label: 'Open public page', onSelect: () => void actions.openPublicPage(w.id) }]
                    : []),
                ]}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
