import { Link } from '@tanstack/react-router';
import type { inferRouterOutputs } from '@trpc/server';
import { cx } from '../../lib/cx.ts';
import { type AppMessageKey, intlLocale, useT } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';
import { dayIn } from './dates.ts';

export type CalendarSession =
  inferRouterOutputs<AppRouter>['immersio']['calendar']['sessions']['sessions'][number];

/** By language and zone: the language can change while the app runs. */
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "10:00 – 11:00 AM" in the zone shown. A session running past midnight reads "11:00 PM – 12:30
 * AM": the day it is listed under says where it starts (`formatRange` would spell out both dates).
 */
export function formatTimeRange(start: Date, end: Date, timeZone: string): string {
  const locale = intlLocale();
  const cacheKey = `${locale ?? ''}|${timeZone}`;
  let formatter = timeFormatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
    timeFormatters.set(cacheKey, formatter);
  }
  return dayIn(start, timeZone) === dayIn(end, timeZone)
    ? formatter.formatRange(start, end)
    : `${formatter.format(start)} – ${formatter.format(end)}`;
}

function sessionState(session: CalendarSession) {
  const cancelled = session.status === 'cancelled';
  return {
    cancelled,
    full: !cancelled && session.bookedSeats >= session.seats,
    unpublished: session.workshop.status !== 'active',
  };
}

/**
 * One session in the calendar, a link to its roster: time, title, teacher, seats. In the month's
 * grid (`compact`, wide screens) the teacher is left out and seats read "5/8" (the link's name
 * still says it all). Full sessions carry an amber edge and a "Full" label, cancelled ones are
 * struck through.
 */
export function CalendarSessionLink({
  session,
  timeZone,
  compact = false,
}: {
  session: CalendarSession;
  timeZone: string;
  compact?: boolean;
}) {
  const t = useT();
  const { cancelled, full, unpublished } = sessionState(session);
  const seatCounts = { booked: session.bookedSeats, seats: session.seats };
  const seats = t('app.calendar.session.seatsTaken', seatCounts);
  const time = formatTimeRange(session.startTime, session.endTime, timeZone);
  const tagKeys: Array<AppMessageKey | null> = [
    full ? 'app.calendar.session.full' : null,
    cancelled ? 'app.calendar.session.cancelled' : null,
    unpublished
      ? session.workshop.status === 'draft'
        ? 'app.calendar.session.draft'
        : 'app.calendar.session.archived'
      : null,
  ];
  const tags = tagKeys.filter((key) => key !== null).map((key) => ({ key, text: t(key) }));
  // The name is spelled out, commas and all, so every screen reader hears "Spanish A1, 10:00 –
  // 11:00 AM, Jane Smith, 5 of 8 seats taken, Full" whatever the layout; it holds every visible
  // word (the month's "5/8" is said in full).
  const name = [
    session.workshop.title,
    time,
    session.teacher.name,
    seats,
    ...tags.map((tag) => tag.text),
  ].join(', ');
  return (
    <Link
      to="/sessions/$sessionId"
      params={{ sessionId: String(session.id) }}
      aria-label={name}
      className={cx(
        'flex flex-col rounded-md border-l-4 px-2 py-1.5 text-left text-sm shadow-sm ring-1 ring-slate-200',
        cancelled
          ? 'border-slate-400 bg-white hover:bg-slate-50'
          : full
            ? 'border-amber-500 bg-amber-50 hover:bg-amber-100'
            : 'border-brand-600 bg-white hover:bg-slate-50',
      )}
    >
      <span
        className={cx(
          'font-medium text-slate-900 hyphens-auto wrap-break-word',
          cancelled && 'line-through',
          compact && 'lg:line-clamp-2',
        )}
      >
        {session.workshop.title}
      </span>
      <span className="order-first text-xs text-slate-700">{time}</span>
      <span className={cx('text-xs text-slate-700', compact && 'lg:hidden')}>{session.teacher.name}</span>
      {compact ? (
        <span className="text-xs text-slate-700">
          <span className="lg:hidden">{seats}</span>
          <span className="hidden lg:inline">{t('app.calendar.session.seatsShort', seatCounts)}</span>
        </span>
      ) : (
        <span className="text-xs text-slate-700">{seats}</span>
      )}
      {tags.length > 0 ? (
        <span className="mt-1 flex flex-wrap gap-1">
          {tags.map((tag) => (
            <span
              key={tag.key}
              className={cx(
                'rounded px-1.5 py-0.5 text-xs font-medium',
                tag.key === 'app.calendar.session.full'
                  ? 'bg-amber-200 text-amber-950'
                  : 'bg-slate-200 text-slate-800',
              )}
            >
              {tag.text}
            </span>
          ))}
        </span>
      ) : null}
    </Link>
  );
}
