import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ActionMenu } from '../../components/ui/menu.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { formatDateTime, formatMoney, zoneOffsetName } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
  return <Badge tone={STATUS_TONES[status]}>{t(STATUS_LABELS[status])}</Badge>;
}

/** The list's rows: one card each, laid out as columns on wide screens. */
export function WorkshopRows({ workshops, canManage }: { workshops: WorkshopRow[]; canManage: boolean }) {
  const trpc = useTRPC();
  const t = useT();
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
                <dt className="text-xs text-slate-600">{t('app.workshops.rows.teacher')}</dt>
                <dd className="text-slate-900">{w.teacher.name}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t('app.workshops.rows.price')}</dt>
                <dd className="text-slate-900">
                  {w.price === 0 ? t('app.workshops.rows.free') : formatMoney(w.price, w.currency)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t('app.workshops.rows.next')}</dt>
                <dd className="text-slate-900">
                  {w.nextOccurrence
                    ? t('app.workshops.rows.nextValue', {
                        when: formatDateTime(w.nextOccurrence, zone),
                        zone: zoneOffsetName(w.nextOccurrence, zone),
                      })
                    : t('app.workshops.rows.nonePlanned')}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t('app.workshops.rows.seatsTaken')}</dt>
                <dd className="text-slate-900">
                  {w.nextOccurrence
                    ? t('app.workshops.rows.seatsValue', { taken: w.bookedSeats, seats: w.seats })
                    : t('app.workshops.rows.seatsNone', { seats: w.seats })}
                </dd>
              </div>
            </dl>
            <div className="lg:ml-auto">
              <ActionMenu
                label={t('app.workshops.rows.actionsFor', { title: w.title })}
                trigger={t('app.workshops.rows.actions')}
                items={[
                  ...(canManage
                    ? [
                        { label: t('app.workshops.rows.edit'), onSelect: () => void open('details') },
                        ...statusActions(w.status).map((a) => ({
                          label: t(a.label),
                          onSelect: () => void actions.setStatus(w.id, a.to),
                        })),
                      ]
                    : [{ label: t('app.workshops.rows.view'), onSelect: () => void open('details') }]),
                  { label: t('app.workshops.rows.sessions'), onSelect: () => void open('sessions') },
                  { label: t('app.workshops.rows.copyLink'), onSelect: () => void actions.copyLink(w.id) },
                  ...(w.status === 'active'
                    ? [
                        {
                          label: t('app.workshops.rows.openPublic'),
                          onSelect: () => void actions.openPublicPage(w.id),
                        },
                      ]
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
