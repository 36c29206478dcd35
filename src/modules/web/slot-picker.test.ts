import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateInZone,
  daysInMonth,
  monthWeeks,
  parseDate,
  parseMonth,
  renderDayTimes,
  renderSlotPicker,
  type SlotPickerView,
  shiftMonth,
} from './slot-picker.ts';

// The month view's layout (Monday first) and markup: links only for days with free times.

describe('monthWeeks', () => {
  it('starts on Monday, pads both ends and keeps every date once, in order', () => {
    // 1 March 2025 is a Saturday: five days of February before it; 31 March is a Monday.
    const weeks = monthWeeks('2025-03');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([null, null, null, null, null, '2025-03-01', '2025-03-02']);
    expect(weeks[5]).toEqual(['2025-03-31', null, null, null, null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it('a February starting on Monday fills exactly four weeks; a leap February has 29 days', () => {
    expect(monthWeeks('2027-02')).toHaveLength(4);
    expect(monthWeeks('2027-02')[0]![0]).toBe('2027-02-01');
    expect(monthWeeks('2027-02')[3]![6]).toBe('2027-02-28');
    expect(monthWeeks('2028-02').flat().filter(Boolean)).toHaveLength(29);
    // 1 February 2026 is a Sunday: six blanks first.
    expect(monthWeeks('2026-02')[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
  });

  it('every week has seven cells and each date sits under its own weekday', () => {
    for (const month of ['2024-12', '2025-01', '2025-06', '2025-09']) {
      for (const week of monthWeeks(month)) {
        expect(week).toHaveLength(7);
        week.forEach((date, column) => {
          if (date) expect((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7).toBe(column);
        });
      }
    }
  });
});

describe('date helpers', () => {
  it('shifts months across years and counts their days', () => {
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2025-04')).toBe(30);
    expect(addDays('2025-03-01', -2)).toBe('2025-02-27');
  });

  it('reads only real months and dates from the query', () => {
    expect(parseMonth('2025-03')).toBe('2025-03');
    for (const bad of ['2025-13', '2025-3', '2025-03-01', ['2025-03'], undefined]) {
      expect(parseMonth(bad)).toBeUndefined();
    }
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-04-31', '2025-03-1', '2025-03-01T00:00']) {
      expect(parseDate(bad)).toBeUndefined();
    }
  });

  it('dates an instant in a zone', () => {
    const instant = new Date('2025-03-14T20:00:00Z');
    expect(dateInZone(instant, 'UTC')).toBe('2025-03-14');
    expect(dateInZone(instant, 'Asia/Tokyo')).toBe('2025-03-15');
    expect(dateInZone(instant, 'America/Los_Angeles')).toBe('2025-03-14');
  });
});

describe('renderSlotPicker', () => {
  const slot = (date: string, time: string) => ({
    startTime: `${date}T${time}:00.000Z`,
    endTime: new Date(Date.parse(`${date}T${time}:00.000Z`) + 3_600_000).toISOString(),
    availableSeats: 2,
  });
  const view: SlotPickerView = {
    zone: 'Asia/Tokyo',
    linkZone: 'Asia/Tokyo',
    month: '2025-03',
    days: Array.from({ length: 31 }, (_, i) => {
      const date = `2025-03-${String(i + 1).padStart(2, '0')}`;
      return { date, slots: date === '2025-03-14' ? [slot(date, '09:00'), slot(date, '10:00')] : [] };
    }),
    date: '2025-03-14',
    prevMonth: null,
    nextMonth: '2025-04',
    nearby: [slot('2025-03-14', '09:00'), slot('2025-03-14', '10:00')],
    showSeats: true,
    duration: 60,
  };

  it('links only the days with free times, marks the chosen one, and links the next month only', () => {
    const html = renderSlotPicker(view, '/school/teacher/class');
    expect(html.match(/<a class="day"/g)).toHaveLength(1);
    expect(html.match(/<span class="day">/g)).toHaveLength(30);
    expect(html).toContain(
      '<a class="day" href="/school/teacher/class?month=2025-03&amp;date=2025-03-14&amp;tz=Asia%2FTokyo#times" data-date="2025-03-14" aria-label="Friday 14 March, 2 times free" aria-current="date">14</a>',
    );
    expect(html).not.toContain('rel="prev"');
    expect(html).toContain('aria-label="Next month, April 2025"');
    expect(html).toContain('<h3 id="picker-month">March 2025</h3>');
    expect(html).toContain('<th scope="col" abbr="Monday">Mon</th>');
    // The script's copy of the slots: start (minutes since 1970) and seats left.
    expect(html).toContain(`data-slots="[[${Date.parse('2025-03-14T09:00:00Z') / 60_000},2],`);
  });

  it('writes the chosen day’s times in its zone, with the seats left for a group', () => {
    const html = renderDayTimes(view, '2025-03-14T10:00:00.000Z');
    expect(html).toContain('Choose a time<span class="slot-day" data-slot-day> on Friday 14 March</span>');
    expect(html).toContain('>18:00–19:00</time><span class="slot-seats">2 seats left</span>');
    expect(html).toContain('value="2025-03-14T10:00:00.000Z" required checked>');
  });
});
