import { Link, useNavigate } from '@tanstack/react-router';
import { ActionMenu } from '../../components/ui/menu.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { weekSummary } from './hours-summary.ts';
import type { Schedule } from './schedule-form-model.ts';

/** The schedules as cards: name, default badge, teacher, zone, the week in short, actions. */
export function ScheduleRows({
  schedules,
  showTeacher,
  onMakeDefault,
  onDelete,
}: {
  schedules: Schedule[];
  showTeacher: boolean;
  onMakeDefault: (schedule: Schedule) => void;
  onDelete: (schedule: Schedule) => void;
}) {
  const navigate = useNavigate();
  const t = useT();
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {schedules.map((s) => {
        const week = weekSummary(s.weeklyHours);
        const open = () =>
          navigate({ to: '/availability/$scheduleId', params: { scheduleId: String(s.id) } });
        return (
          <li key={s.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start">
            <div className="min-w-0 sm:w-1/3">
              <Link
                to="/availability/$scheduleId"
                params={{ scheduleId: String(s.id) }}
                className="break-words font-semibold text-brand-700 underline-offset-2 hover:underline"
              >
                {s.name}
              </Link>
              <div className="mt-1 flex flex-wrap gap-2">
                {s.isDefault ? <Badge tone="blue">{t('app.availability.rows.default')}</Badge> : null}
              </div>
            </div>
            <dl className="grid min-w-0 flex-1 grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
              {showTeacher ? (
                <div>
                  <dt className="text-xs text-slate-600">{t('app.availability.rows.teacher')}</dt>
                  <dd className="text-slate-900">{s.teacher.name}</dd>
                </div>
              ) : null}
              <div>
                <dt className="text-xs text-slate-600">{t('app.availability.rows.timeZone')}</dt>
                <dd className="break-words text-slate-900">{s.timeZone}</dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-xs text-slate-600">{t('app.availability.rows.weeklyHours')}</dt>
                <dd className="text-slate-900">
                  {week.length === 0
                    ? t('app.availability.rows.never')
                    : week.map((line) => <p key={line}>{line}</p>)}
                </dd>
              </div>
              {s.overrides.length > 0 ? (
                <div className="sm:col-span-2">
                  <dt className="text-xs text-slate-600">{t('app.availability.rows.overrides')}</dt>
                  <dd className="text-slate-900">
                    {t('app.availability.rows.overrideCount', { count: s.overrides.length })}
                  </dd>
                </div>
              ) : null}
            </dl>
            <div className="sm:ml-auto">
              <ActionMenu
                label={
                  showTeacher
                    ? t('app.availability.rows.actionsForTeacher', { name: s.name, teacher: s.teacher.name })
                    : t('app.availability.rows.actionsFor', { name: s.name })
                }
                trigger={t('app.availability.rows.actions')}
                items={[
                  { label: t('app.availability.rows.edit'), onSelect: () => void open() },
                  ...(s.isDefault
                    ? []
                    : [
                        { label: t('app.availability.rows.makeDefault'), onSelect: () => onMakeDefault(s) },
                        {
                          label: t('app.availability.rows.delete'),
                          onSelect: () => onDelete(s),
                          danger: true,
                        },
                      ]),
                ]}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
