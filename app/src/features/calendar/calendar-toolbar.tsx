import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { buttonClass } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { cx } from '../../lib/cx.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { CalendarRange, CalendarView } from './calendar-range.ts';
import type { CalendarSearch } from './search.ts';

const VIEWS: Array<{ view: CalendarView; label: AppMessageKey }> = [
  { view: 'week', label: 'app.calendar.toolbar.week' },
  { view: 'month', label: 'app.calendar.toolbar.month' },
];

/**
 * Previous / today / next, the range's title, the view switcher and (for admins) the teacher
 * filter. Everything is a link or a URL change, so every state can be linked and reloaded.
 */
export function CalendarToolbar({
  search,
  range,
  showTeacherFilter,
}: {
  search: CalendarSearch;
  range: CalendarRange;
  showTeacherFilter: boolean;
}) {
  const t = useT();
  const unit = range.view === 'week' ? 'week' : 'month';
  const keep = { view: search.view, teacherId: search.teacherId };
  const navClass = buttonClass('secondary', 'sm');
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label={t('app.calendar.toolbar.chooseUnit', { unit })} className="flex gap-1">
          {/* The name adds the unit ("Previous week"), worded as each language says it. */}
          <Link
            to="/calendar"
            search={{ ...keep, date: range.previous }}
            aria-label={t('app.calendar.toolbar.previousUnit', { unit })}
            className={navClass}
          >
            {t('app.calendar.toolbar.previous')}
          </Link>
          <Link to="/calendar" search={keep} className={navClass}>
            {t('app.calendar.toolbar.today')}
          </Link>
          <Link
            to="/calendar"
            search={{ ...keep, date: range.next }}
            aria-label={t('app.calendar.toolbar.nextUnit', { unit })}
            className={navClass}
          >
            {t('app.calendar.toolbar.next')}
          </Link>
        </nav>
        <h2 aria-live="polite" className="text-lg font-semibold text-slate-900">
          {range.title}
        </h2>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <nav
          aria-label={t('app.calendar.toolbar.viewNav')}
          className="flex rounded-md border border-slate-300 bg-white p-0.5"
        >
          {VIEWS.map(({ view, label }) => {
            const current = view === range.view;
            return (
              <Link
                key={view}
                to="/calendar"
                search={{ ...search, view }}
                aria-current={current ? 'page' : undefined}
                className={cx(
                  'rounded px-3 py-1 text-sm font-medium',
                  current ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100',
                )}
              >
                {t(label)}
              </Link>
            );
          })}
        </nav>
        {showTeacherFilter ? <TeacherFilter search={search} /> : null}
      </div>
    </div>
  );
}

function TeacherFilter({ search }: { search: CalendarSearch }) {
  const trpc = useTRPC();
  const t = useT();
  const navigate = useNavigate();
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const selected = search.teacherId;
  const options = members.data?.members ?? [];
  // A teacherId from a link whose member list has not arrived (or who left) still shows as chosen.
  const unknown = selected !== undefined && !options.some((m) => m.userId === selected);
  return (
    <SelectField
      label={t('app.calendar.toolbar.teacher')}
      value={selected === undefined ? '' : String(selected)}
      disabled={members.isPending}
      hint={members.isError ? t('app.calendar.toolbar.teachersFailed') : undefined}
      onChange={(event) => {
        const value = event.target.value;
        // From the URL as it is now, not as this render saw it: a view change just made may not
        // have re-rendered the toolbar yet, and would be undone.
        void navigate({
          to: '/calendar',
          search: (current: CalendarSearch) => ({
            ...current,
            teacherId: value === '' ? undefined : Number(value),
          }),
        });
      }}
      fieldClassName="min-w-44"
    >
      <option value="">{t('app.calendar.toolbar.allTeachers')}</option>
      {unknown ? (
        <option value={String(selected)}>
          {members.isPending
            ? t('app.calendar.toolbar.loadingTeacher')
            : t('app.calendar.toolbar.unknownTeacher')}
        </option>
      ) : null}
      {options.map((member) => (
        <option key={member.userId} value={String(member.userId)}>
          {member.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The chosen teacher's name once the member list is loaded (it is cached by the filter's query). */
export function useTeacherName(teacherId: number | undefined, enabled: boolean): string | undefined {
  const trpc = useTRPC();
  const members = useQuery({ ...trpc.immersio.tenant.listMembers.queryOptions(), enabled });
  return members.data?.members.find((m) => m.userId === teacherId)?.name;
}
