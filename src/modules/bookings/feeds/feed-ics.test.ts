import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/translator.ts';
import { buildFeedIcs } from './feed-ics.ts';
import type { FeedSessionRow } from './feed-sessions.repo.ts';

const session = (overrides: Partial<FeedSessionRow> = {}): FeedSessionRow => ({
  id: 7,
  startTime: '2027-01-04T09:00:00.000Z',
  endTime: new Date('2027-01-04T10:30:00.000Z'),
  status: 'scheduled',
  seats: 8,
  bookedSeats: 3,
  sequence: 2,
  changedAt: new Date('2026-12-01T08:00:00.000Z'),
  title: 'Español; nivel A1, grupo "mañana"\nsegunda línea y un título muy largo que hay que plegar',
  locations: [{ type: 'in_person', address: 'Calle Mayor 1\n28013 Madrid' }],
  teacherName: 'Ana',
  ...overrides,
});

const calendar = (withTeacher: boolean, locale: 'en' | 'de' = 'en') => ({
  name: 'Escuela, Madrid: Ana',
  uidHost: 'book.example.test',
  rosterUrl: (id: number) => `https://book.example.test/app/sessions/${id}`,
  withTeacher,
  tr: translator(locale),
});

describe('buildFeedIcs', () => {
  it('writes events that ical.js reads back exactly, however the school wrote its titles', () => {
    const text = buildFeedIcs(calendar(false), [
      session(),
      session({ id: 8, status: 'cancelled', locations: [] }),
    ]);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const root = new ICAL.Component(ICAL.parse(text));
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    // An X- property is TEXT by default (RFC 5545 §3.8.8.2), so it is escaped; ical.js hands
    // unknown properties over as written.
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Escuela\\, Madrid: Ana');
    const [first, cancelled] = root.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
    expect(first!.e.uid).toBe('session-7@book.example.test');
    expect(first!.e.summary).toBe(session().title);
    expect(first!.e.sequence).toBe(2);
    expect(first!.e.startDate.toJSDate()).toEqual(new Date('2027-01-04T09:00:00.000Z'));
    expect(first!.e.endDate.toJSDate()).toEqual(new Date('2027-01-04T10:30:00.000Z'));
    expect(first!.e.location).toBe('Calle Mayor 1\n28013 Madrid');
    expect(first!.e.description.split('\n')).toEqual([
      'Address: Calle Mayor 1',
      '28013 Madrid',
      'Seats taken: 3 of 8',
      'Roster: https://book.example.test/app/sessions/7',
    ]);
    expect(String(first!.v.getFirstPropertyValue('dtstamp'))).toBe('2026-12-01T08:00:00Z');
    expect(cancelled!.v.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled!.e.summary).toBe(`Cancelled: ${session().title}`);
    expect(cancelled!.e.location).toBeNull();
  });

  it('names the teacher in a school feed, in the reader’s language', () => {
    const text = buildFeedIcs(calendar(true, 'de'), [session({ title: 'Deutsch B1' })]);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Deutsch B1 (Ana)');
    expect(event.description).toContain('Belegte Plätze: 3 von 8');
  });

  it('is the same bytes for the same sessions (the ETag depends on it)', () => {
    expect(buildFeedIcs(calendar(false), [session()])).toBe(buildFeedIcs(calendar(false), [session()]));
  });
});
