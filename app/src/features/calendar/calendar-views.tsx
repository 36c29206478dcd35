import { cx } from '../../lib/cx.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { type CalendarSession, CalendarSessionLink } from './calendar-session.tsx';
import { type Day, formatDay, sameMonth } from './dates.ts';

interface ViewProps {
  /** The range's title, naming the list of days for screen readers. */
  label: string;
  days: Day[];
  byDay: Map<Day, CalendarSession[]>;
  today: Day;
  timeZone: string;
}

/**
 * A week: one list item per day with its heading and its sessions. Seven columns on wide screens;
 * on narrow ones the same days stacked, an agenda read top to bottom.
 */
export function WeekView({ label, days, byDay, today, timeZone }: ViewProps) {
  const t = useT();
  return (
    <ol aria-label={label} className="grid gap-3 lg:grid-cols-7 lg:gap-2">
      {days.map((day) => {
        const sessions = byDay.get(day) ?? [];
        return (
          <li
            key={day}
            className={cx(
              'min-w-0 rounded-lg border bg-slate-50 p-2',
              day === today ? 'border-brand-600' : 'border-slate-200',
            )}
          >
            <h3 className="mb-2 text-sm font-semibold text-slate-800">
              <span aria-current={day === today ? 'date' : undefined}>
                {formatDay(day, { weekday: 'short', month: 'short', day: 'numeric' })}
              </span>
              {day === today ? (
                <span className="ml-1 font-normal text-brand-700">{t('app.calendar.day.today')}</span>
              ) : null}
            </h3>
            {sessions.length > 0 ? (
              <ul className="space-y-2">
                {sessions.map((session) => (
                  <li key={session.id}>
                    <CalendarSessionLink session={session} timeZone={timeZone} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-xs text-slate-600">{t('app.calendar.day.noSessions')}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A month: the whole weeks around it as a seven-column grid on wide screens (days of the
 * neighbouring months dimmed). On narrow screens only the month's days that have sessions are
 * listed, as an agenda, each with its full date.
 */
export function MonthView({ label, days, byDay, today, timeZone, month }: ViewProps & { month: Day }) {
  const t = useT();
  return (
    <div>
      <div aria-hidden className="mb-1 hidden grid-cols-7 gap-1 lg:grid">
        {days.slice(0, 7).map((day) => (
          <span key={day} className="px-1 text-xs font-semibold uppercase text-slate-600">
            {formatDay(day, { weekday: 'short' })}
          </span>
        ))}
      </div>
      <ol aria-label={label} className="grid gap-3 lg:grid-cols-7 lg:gap-1">
        {days.map((day) => {
          const sessions = byDay.get(day) ?? [];
          const inMonth = sameMonth(day, month);
          const fullDate = formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' });
          return (
            <li
              key={day}
              className={cx(
                'min-w-0 rounded-md border p-2 lg:min-h-24 lg:p-1',
                inMonth && sessions.length > 0 ? 'block' : 'hidden lg:block',
                inMonth ? 'bg-white' : 'bg-slate-100',
                day === today ? 'border-brand-600' : 'border-slate-200',
              )}
            >
              <h3 className="mb-1 text-sm font-semibold text-slate-800">
                <span aria-current={day === today ? 'date' : undefined}>
                  <span className="lg:hidden">{fullDate}</span>
                  <span className="hidden lg:inline">
                    <span aria-hidden className={inMonth ? undefined : 'font-normal text-slate-600'}>
                      {formatDay(day, { day: 'numeric' })}
                    </span>
                    <span className="sr-only">{fullDate}</span>
                  </span>
                </span>
                {day === today ? (
                  <span className="ml-1 font-normal text-brand-700">{t('app.calendar.day.today')}</span>
                ) : null}
              </h3>
              {sessions.length > 0 ? (
                <ul className="space-y-1">
                  {sessions.map((session) => (
                    <li key={session.id}>
                      <CalendarSessionLink session={session} timeZone={timeZone} compact />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="sr-only">{t('app.calendar.day.noSessions')}</p>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
