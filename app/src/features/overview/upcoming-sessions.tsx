import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { formatTime } from '../../lib/format.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { weekdayTime } from './dates.ts';
import type { Overview, OverviewSession } from './types.ts';

/** Today's sessions and the rest of the week's, each opening its roster. */
export function UpcomingSessions({ overview, showTeacher }: { overview: Overview; showTeacher: boolean }) {
  const { today, laterThisWeek, hasMore } = overview.upcoming;
  const t = useT();
  return (
    <>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <SessionList
          title={t('app.overview.upcoming.today')}
          sessions={today}
          showTeacher={showTeacher}
          when={(s) =>
            `${formatTime(s.startTime, overview.timeZone)}–${formatTime(s.endTime, overview.timeZone)}`
          }
          empty={t('app.overview.upcoming.noneToday')}
        />
        <SessionList
          title={t('app.overview.upcoming.later')}
          sessions={laterThisWeek}
          showTeacher={showTeacher}
          when={(s) => weekdayTime(s.startTime, overview.timeZone)}
          empty={t('app.overview.upcoming.noneLater')}
        />
      </div>
      <p className="mt-3 text-sm text-slate-600">
        <Message
          id={hasMore ? 'app.overview.upcoming.footerMore' : 'app.overview.upcoming.footer'}
          values={{
            zone: overview.timeZone,
            link: (chunks) => (
              <Link to="/calendar" search={{ view: 'week' }} className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          }}
        />
      </p>
    </>
  );
}

function SessionList(props: {
  title: string;
  sessions: OverviewSession[];
  showTeacher: boolean;
  when: (session: OverviewSession) => string;
  empty: string;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-lg border border-slate-200 bg-white">
      <h3 id={headingId} className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        {props.title}
        <span className="ml-2 font-normal text-slate-600">({props.sessions.length})</span>
      </h3>
      {props.sessions.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {props.sessions.map((session) => (
            <li key={session.sessionId}>
              <SessionRow session={session} when={props.when(session)} showTeacher={props.showTeacher} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionRow({
  session,
  when,
  showTeacher,
}: {
  session: OverviewSession;
  when: string;
  showTeacher: boolean;
}) {
  const t = useT();
  const full = session.bookedSeats >= session.seats;
  const share =
    session.seats === 0 ? 0 : Math.min(100, Math.round((session.bookedSeats / session.seats) * 100));
  return (
    <Link
      to="/sessions/$sessionId"
      params={{ sessionId: String(session.sessionId) }}
      className="flex flex-col gap-2 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 sm:flex-row sm:items-center sm:justify-between"
    >
      <span className="min-w-0">
        <span className="block truncate font-medium text-slate-900">{session.workshopTitle}</span>
        <span className="block text-sm text-slate-600">
          {when}
          {showTeacher ? ` · ${session.teacherName}` : ''}
        </span>
      </span>
      <span className="flex shrink-0 items-center gap-2 text-sm text-slate-700">
        <span className="h-2 w-20 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
          <span
            className={`block h-full rounded-full ${full ? 'bg-amber-600' : 'bg-brand-600'}`}
            style={{ width: `${share}%` }}
          />
        </span>
        <span className="tabular-nums">
          {t('app.overview.upcoming.seats', { booked: session.bookedSeats, seats: session.seats })}
          {full ? (
            <span className="ml-1 font-medium text-amber-800">{t('app.overview.upcoming.full')}</span>
          ) : null}
        </span>
      </span>
    </Link>
  );
}
