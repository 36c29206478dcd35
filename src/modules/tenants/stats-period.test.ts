import { describe, expect, it } from 'vitest';
import { periodCalendar, statsRange } from './stats-period.ts';

const LA = 'America/Los_Angeles';
const at = (iso: string) => new Date(iso);

describe('periodCalendar', () => {
  // Sunday 8 March 2026, 10:00 in Los Angeles: the clocks went forward at 02:00 that morning.
  const sunday = at('2026-03-08T17:00:00Z');

  it('a week runs Monday to Monday in the zone, across a DST change; this week ends with Sunday', () => {
    const week = periodCalendar({ period: 'week' }, LA, sunday);
    expect(week).toMatchObject({
      zone: LA,
      from: at('2026-03-02T08:00:00Z'),
      to: new Date(sunday.getTime() + 1),
      shownUntil: at('2026-03-09T07:00:00Z'),
      today: at('2026-03-08T08:00:00Z'),
      tomorrow: at('2026-03-09T07:00:00Z'),
      weekEnd: at('2026-03-09T07:00:00Z'),
      days: 7,
    });
    expect(statsRange({ period: 'week' }, LA, sunday)).toEqual({ from: week.from, to: week.to });
  });

  it('a month or year is shown to its end; explicit days to the end of endDate’s day', () => {
    expect(periodCalendar({ period: 'month' }, LA, sunday)).toMatchObject({
      from: at('2026-03-01T08:00:00Z'),
      shownUntil: at('2026-04-01T07:00:00Z'),
      months: 1,
      days: 31,
    });
    expect(periodCalendar({ period: 'year' }, LA, sunday)).toMatchObject({
      from: at('2026-01-01T08:00:00Z'),
      shownUntil: at('2027-01-01T08:00:00Z'),
      months: 12,
    });
    expect(
      periodCalendar({ period: 'week', startDate: at('2025-12-15T20:00:00Z'), endDate: sunday }, LA, sunday),
    ).toMatchObject({
      from: at('2025-12-15T08:00:00Z'),
      to: at('2026-03-09T07:00:00Z'),
      shownUntil: at('2026-03-09T07:00:00Z'),
      months: 4,
    });
  });

  it('an unreadable zone counts as UTC', () => {
    expect(periodCalendar({ period: 'month' }, 'Not/AZone', sunday)).toMatchObject({
      zone: 'UTC',
      from: at('2026-03-01T00:00:00Z'),
    });
  });
});
