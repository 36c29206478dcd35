import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { zoneOffsetName } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { isValidTimeZone, zonedToday } from '../../lib/zoned-time.ts';
import { useTRPC } from '../../trpc.ts';
import { type CalendarRange, calendarRange, sessionsByDay } from './calendar-range.ts';
import type { CalendarSession } from './calendar-session.tsx';
import { CalendarToolbar, useTeacherName } from './calendar-toolbar.tsx';
import { MonthView, WeekView } from './calendar-views.tsx';
import { sameMonth } from './dates.ts';
import { FeedDialog } from './feed-dialog.tsx';

const route = getRouteApi('/staff/calendar');

/** A zone `Intl` knows, else UTC (a profile could hold a name this browser does not know). */
const usableZone = (timeZone: string) => (isValidTimeZone(timeZone) ? timeZone : 'UTC');

/**
 * The school's sessions by week or month, in the viewer's own time zone (named on the screen).
 * Admins see every teacher's sessions and may filter by teacher; a teacher sees the sessions
 * they teach (the server holds them to that too). Each session opens its roster.
 */
export function CalendarPage() {
  const search = route.useSearch();
  const { me, isAdmin } = useViewer();
  const trpc = useTRPC();
  const t = useT();
  const [subscribing, setSubscribing] = useState(false);
  const timeZone = usableZone(me.timeZone);
  const today = zonedToday(timeZone);
  const range = calendarRange(search.view ?? 'week', search.date ?? today, timeZone);
  const teacherId = isAdmin ? search.teacherId : undefined;
  const sessions = useQuery(
    trpc.immersio.calendar.sessions.queryOptions({ from: range.from, to: range.to, teacherId }),
  );
  const teacherName = useTeacherName(teacherId, isAdmin && teacherId !== undefined);

  const zone = { timeZone, offset: zoneOffsetName(range.from, timeZone) };
  const description = isAdmin
    ? t('app.calendar.page.zoneNote', zone)
    : t('app.calendar.page.teacherZoneNote', zone);
  return (
    <>
      <PageHeader
        title={t('app.calendar.page.title')}
        description={description}
        actions={
          <Button variant="secondary" onClick={() => setSubscribing(true)}>
            {t('app.calendar.feed.button')}
          </Button>
        }
      />
      {subscribing ? <FeedDialog isAdmin={isAdmin} onClose={() => setSubscribing(false)} /> : null}
      <CalendarToolbar search={search} range={range} showTeacherFilter={isAdmin} />
      {sessions.isPending ? (
        <Spinner label={t('app.calendar.page.loading')} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <CalendarBody
          range={range}
          sessions={sessions.data.sessions}
          truncated={sessions.data.truncated}
          today={today}
          timeZone={timeZone}
          emptyFor={teacherId === undefined ? undefined : { name: teacherName }}
        />
      )}
    </>
  );
}

function CalendarBody({
  range,
  sessions,
  truncated,
  today,
  timeZone,
  emptyFor,
}: {
  range: CalendarRange;
  sessions: CalendarSession[];
  truncated: boolean;
  today: string;
  timeZone: string;
  /** The teacher filtered on; their name is unknown until the member list arrives. */
  emptyFor: { name: string | undefined } | undefined;
}) {
  const t = useT();
  const byDay = sessionsByDay(range.days, sessions, timeZone);
  // The month's own days decide whether it is empty (the grid also shows its neighbours' days).
  const shown = range.view === 'week' ? range.days : range.days.filter((day) => sameMonth(day, range.anchor));
  if (!shown.some((day) => (byDay.get(day)?.length ?? 0) > 0)) {
    return (
      <EmptyState title={t('app.calendar.empty.title', { view: range.view })}>
        {emptyFor === undefined
          ? t('app.calendar.empty.body', { range: range.title })
          : emptyFor.name === undefined
            ? t('app.calendar.empty.bodyThisTeacher', { range: range.title })
            : t('app.calendar.empty.bodyTeacher', { teacher: emptyFor.name, range: range.title })}
      </EmptyState>
    );
  }
  const label = range.view === 'week' ? t('app.calendar.page.weekOf', { range: range.title }) : range.title;
  return (
    <>
      {truncated ? (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t('app.calendar.page.truncated', { count: String(sessions.length) })}
        </p>
      ) : null}
      {range.view === 'week' ? (
        <WeekView label={label} days={range.days} byDay={byDay} today={today} timeZone={timeZone} />
      ) : (
        <MonthView
          label={label}
          days={range.days}
          byDay={byDay}
          today={today}
          timeZone={timeZone}
          month={range.anchor}
        />
      )}
    </>
  );
}
