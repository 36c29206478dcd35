import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, formatIcsUtc, type IcsInput, utf8Length } from './ics.ts';

const base: IcsInput = {
  method: 'REQUEST',
  uid: 'bk_123@booking.example.com',
  sequence: 0,
  now: new Date('2024-11-20T08:30:15.123Z'),
  start: new Date('2024-12-01T14:00:00Z'),
  end: new Date('2024-12-01T15:00:00Z'),
  summary: 'Spanish conversation',
  description: 'Bring a notebook',
  location: 'https://zoom.us/j/123',
  url: 'https://zoom.us/j/123',
  organizer: { name: 'Acme Languages', email: 'bookings@acme.example' },
  attendee: { name: 'Ana Student', email: 'ana@example.com' },
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  return ics.slice(0, -2).split('\r\n');
}

describe('buildIcs', () => {
  it('writes a REQUEST that ical.js reads back', () => {
    const ics = buildIcs(base);
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Immersio//Booking Service//EN');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(event.uid).toBe('bk_123@booking.example.com');
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe('2024-12-01T14:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2024-12-01T15:00:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.endDate.zone?.tzid).toBe('UTC');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(vevent.getFirstPropertyValue('url'))).toBe('https://zoom.us/j/123');
    expect(event.summary).toBe('Spanish conversation');
    expect(event.description).toBe('Bring a notebook');
    expect(event.location).toBe('https://zoom.us/j/123');

    expect(ics).toContain('\r\nDTSTART:20241201T140000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20241201T150000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20241120T083015Z\r\n');

    expect(event.organizer).toBe('mailto:bookings@acme.example');
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe('Acme Languages');
    expect(event.attendees).toHaveLength(1);
    const attendee = event.attendees[0]!;
    expect(attendee.getFirstValue()).toBe('mailto:ana@example.com');
    expect(attendee.getParameter('cn')).toBe('Ana Student');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendee.getParameter('rsvp')).toBe('FALSE');
  });

  it('writes a CANCEL with the same UID and a higher SEQUENCE', () => {
    const request = parse(buildIcs(base));
    const cancel = parse(buildIcs({ ...base, method: 'CANCEL', sequence: 1 }));
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.uid).toBe(request.event.uid);
    expect(cancel.event.sequence).toBeGreaterThan(request.event.sequence);
  });

  it('round-trips TEXT with commas, semicolons, backslashes, newlines and emoji', () => {
    const summary = 'Grammar; tips, tricks \\ more 🎉';
    const description = 'Line one,\r\nline two; C:\\path\\file\nline three\rline four 👩‍🏫 ok';
    const location = "Room 4; Building B, 12 Rue de l'Église\nParis";
    const ics = buildIcs({ ...base, summary, description, location });
    expect(ics).toContain('SUMMARY:Grammar\\; tips\\, tricks \\\\ more 🎉\r\n');
    const { event } = parse(ics);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe('Line one,\nline two; C:\\path\\file\nline three\nline four 👩‍🏫 ok');
    expect(event.location).toBe(location);
  });

  it('folds long non-ASCII lines at 75 octets without splitting a character', () => {
    const description = `${'Zażółć gęślą jaźń — 日本語のテキスト 🎌🧑‍🤝‍🧑 '.repeat(12)}end`;
    const summary = `Atelier d'écriture créative : ${'é'.repeat(100)}`;
    const ics = buildIcs({
      ...base,
      summary,
      description,
      location: '東京都渋谷区'.repeat(20),
      attendee: { name: 'Łukasz Żółkiewski-Brzęczyszczykiewicz 🦊'.repeat(3), email: 'lukasz@example.com' },
    });
    const lines = physicalLines(ics);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A split inside a UTF-8 sequence would leave a lone surrogate or U+FFFD after a re-decode.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
      expect(line.isWellFormed()).toBe(true);
      expect(line).not.toMatch(/[\r\n]/);
    }
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(lines.filter((line) => Buffer.byteLength(line) > 70).length).toBeGreaterThan(10);
    const { event } = parse(ics);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.location).toBe('東京都渋谷区'.repeat(20));
    expect(event.attendees[0]!.getParameter('cn')).toBe('Łukasz Żółkiewski-Brzęczyszczykiewicz 🦊'.repeat(3));
  });

  it('uses CRLF line endings only', () => {
    const ics = buildIcs({ ...base, description: 'a\nb\r\nc' });
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('quotes CN when needed and keeps names on one line', () => {
    const ics = buildIcs({
      ...base,
      organizer: { name: 'Smith, Jones; Partners: "Lingua"', email: 'org@example.com' },
      attendee: { name: 'Eve\r\nATTENDEE:mailto:evil@example.com', email: 'eve@example.com\r\nX-EVIL:1' },
    });
    expect(ics).toContain('ORGANIZER;CN="Smith, Jones; Partners: \'Lingua\'":mailto:org@example.com\r\n');
    expect(ics).not.toMatch(/^X-EVIL/m);
    const { event, vevent } = parse(ics);
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe("Smith, Jones; Partners: 'Lingua'");
    expect(event.attendees).toHaveLength(1);
    expect(event.attendees[0]!.getParameter('cn')).toBe('Eve ATTENDEE:mailto:evil@example.com');
    expect(event.attendees[0]!.getFirstValue()).toBe('mailto:eve@example.comX-EVIL:1');
  });

  it('does not let a caret in a name read as an RFC 6868 escape', () => {
    const ics = buildIcs({ ...base, attendee: { name: "A^nB ^' ^^ ^x", email: 'a@example.com' } });
    expect(parse(ics).event.attendees[0]!.getParameter('cn')).toBe("A^nB ^' ^^ ^x");
  });

  it('strips CR/LF from single-line values such as UID and URL', () => {
    const ics = buildIcs({
      ...base,
      uid: 'abc\r\nX-INJECTED:1@host',
      url: 'https://x.example/\r\nX-INJECTED:2',
    });
    expect(ics).not.toMatch(/^X-INJECTED/m);
    const { event } = parse(ics);
    expect(event.uid).toBe('abcX-INJECTED:1@host');
  });

  it('omits optional properties that are not given', () => {
    const ics = buildIcs({ ...base, description: undefined, location: undefined, url: undefined });
    expect(ics).not.toMatch(/^(DESCRIPTION|LOCATION|URL)[:;]/m);
  });

  it('rejects an invalid SEQUENCE, an empty UID and an event that ends before it starts', () => {
    expect(() => buildIcs({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, sequence: 1.5 })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, uid: '\r\n' })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, end: base.start })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, start: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('formats UTC date-times', () => {
    expect(formatIcsUtc(new Date('2024-12-01T14:00:00.999Z'))).toBe('20241201T140000Z');
    expect(formatIcsUtc(new Date('2024-03-10T02:30:05-05:00'))).toBe('20240310T073005Z');
  });

  it('escapes TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('tab\tok\u0000\u0007gone')).toBe('tab\tokgone');
  });

  it('folds by octets, never inside a code point', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // 74 ASCII + a 4-octet emoji: the emoji moves whole to the next line.
    const folded = foldLine(`${'x'.repeat(74)}😀tail`);
    expect(folded).toBe(`${'x'.repeat(74)}\r\n 😀tail`);
    const long = 'ü'.repeat(200);
    const parts = foldLine(long).split('\r\n');
    expect(parts[0]).toBe('ü'.repeat(37));
    for (const part of parts.slice(1)) expect(utf8Length(part)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(long);
  });
});
