import type { Translator } from '../../../lib/i18n/translator.ts';
import { inviteWhere } from '../emails/booking-invite.ts';
import { escapeText, foldLine, formatIcsUtc, ICS_PRODID } from '../emails/ics.ts';
import { revealedLocation } from '../notifications.ts';
import type { FeedSessionRow } from './feed-sessions.repo.ts';

export interface FeedCalendar {
  /** The calendar's name as apps show it (X-WR-CALNAME). */
  name: string;
  /** The host in every event's UID: `session-<id>@<host>` stays the same across feeds and resets. */
  uidHost: string;
  /** The staff app's page of a session (its roster). */
  rosterUrl: (sessionId: number) => string;
  /** School-wide feeds name each event's teacher. */
  withTeacher: boolean;
  tr: Translator;
}

const instant = (value: Date | string) => new Date(value);

/**
 * A subscribed calendar (METHOD:PUBLISH) of sessions. DTSTAMP is the session's last revision
 * rather than the time of the request, so the same sessions give the same bytes (and ETag) until
 * something changes; SEQUENCE is bumped by the database on every move or cancellation.
 */
export function buildFeedIcs(calendar: FeedCalendar, sessions: FeedSessionRow[]): string {
  const { tr } = calendar;
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${escapeText(ICS_PRODID)}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    // How often apps should fetch again (RFC 7986, and Outlook's older name for it).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const session of sessions) {
    const cancelled = session.status === 'cancelled';
    const title = calendar.withTeacher
      ? tr.t('feed.summary.school', { title: session.title, teacher: session.teacherName })
      : session.title;
    const location =
      session.locations.length > 0 ? revealedLocation(session.locations, tr.locale) : undefined;
    const roster = calendar.rosterUrl(session.id);
    const description = [
      location ? inviteWhere(location, tr) : undefined,
      tr.t('feed.seats', { taken: String(session.bookedSeats), total: String(session.seats) }),
      tr.t('feed.roster', { url: roster }),
    ].filter(Boolean);
    lines.push(
      'BEGIN:VEVENT',
      `UID:session-${session.id}@${escapeText(calendar.uidHost)}`,
      `SEQUENCE:${session.sequence}`,
      `DTSTAMP:${formatIcsUtc(instant(session.changedAt))}`,
      `LAST-MODIFIED:${formatIcsUtc(instant(session.changedAt))}`,
      `DTSTART:${formatIcsUtc(instant(session.startTime))}`,
      `DTEND:${formatIcsUtc(instant(session.endTime))}`,
      `SUMMARY:${escapeText(cancelled ? tr.t('ics.cancelled', { headline: title }) : title)}`,
      `DESCRIPTION:${escapeText(description.join('\n'))}`,
    );
    if (location) lines.push(`LOCATION:${escapeText(location.value)}`);
    lines.push(
      `URL:${roster}`,
      `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}
