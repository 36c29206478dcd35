import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandRecurrence, MAX_OCCURRENCES } from './recurrence.ts';

const local = (dates: Date[], zone: string) =>
  dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ'));

describe('expandRecurrence', () => {
  it('keeps 18:00 Berlin across the spring and autumn changes (UTC moves instead)', () => {
    const start = DateTime.fromISO('2026-03-22T18:00', { zone: 'Europe/Berlin' }).toJSDate();
    const spring = expandRecurrence({ start, timeZone: 'Europe/Berlin', frequency: 'weekly', count: 3 });
    expect(local(spring, 'Europe/Berlin')).toEqual([
      '2026-03-22 18:00 +01:00',
      '2026-03-29 18:00 +02:00',
      '2026-04-05 18:00 +02:00',
    ]);
    expect(spring.map((d) => d.toISOString())).toEqual([
      '2026-03-22T17:00:00.000Z',
      '2026-03-29T16:00:00.000Z',
      '2026-04-05T16:00:00.000Z',
    ]);
    const autumnStart = DateTime.fromISO('2026-10-18T18:00', { zone: 'Europe/Berlin' }).toJSDate();
    const autumn = expandRecurrence({
      start: autumnStart,
      timeZone: 'Europe/Berlin',
      frequency: 'biweekly',
      count: 2,
    });
    expect(local(autumn, 'Europe/Berlin')).toEqual(['2026-10-18 18:00 +02:00', '2026-11-01 18:00 +01:00']);
  });

  it('a local time skipped by the spring change moves forward by the gap', () => {
    const start = DateTime.fromISO('2026-03-01T02:30', { zone: 'America/New_York' }).toJSDate();
    const starts = expandRecurrence({ start, timeZone: 'America/New_York', frequency: 'weekly', count: 2 });
    expect(local(starts, 'America/New_York')).toEqual(['2026-03-01 02:30 -05:00', '2026-03-08 03:30 -04:00']);
  });

  it('monthly on the 31st falls on the last day of shorter months and comes back', () => {
    const start = DateTime.fromISO('2026-01-31T10:00', { zone: 'UTC' }).toJSDate();
    const starts = expandRecurrence({ start, timeZone: 'UTC', frequency: 'monthly', count: 4 });
    expect(local(starts, 'UTC').map((s) => s.slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    const leap = expandRecurrence({
      start: DateTime.fromISO('2028-01-29T10:00', { zone: 'UTC' }).toJSDate(),
      timeZone: 'UTC',
      frequency: 'monthly',
      count: 2,
    });
    expect(local(leap, 'UTC')[1]!.slice(0, 10)).toBe('2028-02-29');
  });

  it('endDate ends the series; count and endDate together stop at whichever comes first', () => {
    const start = new Date('2026-01-05T09:00:00Z');
    const byEnd = expandRecurrence({
      start,
      timeZone: 'UTC',
      frequency: 'weekly',
      endDate: new Date('2026-01-26T09:00:00Z'),
    });
    expect(byEnd).toHaveLength(4);
    const both = expandRecurrence({
      start,
      timeZone: 'UTC',
      frequency: 'weekly',
      count: 2,
      endDate: new Date('2026-12-31'),
    });
    expect(both).toHaveLength(2);
  });

  it('refuses an endDate before the start, no end at all, bad counts, unknown zones, and more than the cap', () => {
    const start = new Date('2026-01-05T09:00:00Z');
    expect(() =>
      expandRecurrence({ start, timeZone: 'UTC', frequency: 'weekly', endDate: new Date('2025-12-01') }),
    ).toThrow(/endDate: must not be before/);
    expect(() => expandRecurrence({ start, timeZone: 'UTC', frequency: 'weekly' })).toThrow(
      /give count or endDate/,
    );
    expect(() => expandRecurrence({ start, timeZone: 'UTC', frequency: 'weekly', count: 0 })).toThrow(
      /count/,
    );
    expect(() =>
      expandRecurrence({ start, timeZone: 'Mars/Olympus', frequency: 'weekly', count: 2 }),
    ).toThrow(/time zone/);
    expect(
      expandRecurrence({ start, timeZone: 'UTC', frequency: 'weekly', count: MAX_OCCURRENCES }),
    ).toHaveLength(104);
    expect(() =>
      expandRecurrence({ start, timeZone: 'UTC', frequency: 'weekly', count: MAX_OCCURRENCES + 1 }),
    ).toThrow(/at most 104/);
    expect(() =>
      expandRecurrence({ start, timeZone: 'UTC', frequency: 'weekly', endDate: new Date('2029-01-01') }),
    ).toThrow(/more than 104 sessions/);
  });

  it('none is the single first session', () => {
    const start = new Date('2026-01-05T09:00:00Z');
    expect(expandRecurrence({ start, timeZone: 'UTC', frequency: 'none' })).toEqual([start]);
  });
});
