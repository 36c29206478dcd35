import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import type { AvailabilityRules, DateOverride, WeeklyHours } from './schedule-shape.schema.ts';
import { type BusyInterval, computeSlots, type SlotAnswer, type SlotQuery, slotBusyWindow } from './slots.ts';

const NOTHING: WeeklyHours = {
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday: [],
  saturday: [],
  sunday: [],
};
const hours = (start: string, end: string) => [{ start, end }];
const everyDay = (start: string, end: string): WeeklyHours => ({
  monday: hours(start, end),
  tuesday: hours(start, end),
  wednesday: hours(start, end),
  thursday: hours(start, end),
  friday: hours(start, end),
  saturday: hours(start, end),
  sunday: hours(start, end),
});

function rules(
  timeZone: string,
  weeklyHours: Partial<WeeklyHours>,
  overrides: DateOverride[] = [],
): AvailabilityRules {
  return { timeZone, weeklyHours: { ...NOTHING, ...weeklyHours }, overrides };
}

function query(q: Partial<SlotQuery> & Pick<SlotQuery, 'rules' | 'range'>): SlotQuery {
  return {
    workshopId: 1,
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: 730,
    seats: 1,
    busy: [],
    now: new Date('2026-01-01T00:00:00Z'),
    ...q,
  };
}

/** Each day's slots as `HH:mm` (with the offset when asked) on a zone's clock. */
function clock(answer: SlotAnswer, zone: string, withOffset = false): Record<string, string[]> {
  const format = withOffset ? 'HH:mm ZZ' : 'HH:mm';
  return Object.fromEntries(
    answer.days.map((d) => [
      d.date,
      d.slots.map((s) => DateTime.fromJSDate(s.startTime, { zone }).toFormat(format)),
    ]),
  );
}
const utc = (answer: SlotAnswer) => answer.days.flatMap((d) => d.slots.map((s) => s.startTime.toISOString()));
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();

function session(
  startIso: string,
  endIso: string,
  zone: string,
  of: Partial<NonNullable<BusyInterval['sessionOf']>> = {},
): BusyInterval {
  return {
    start: at(startIso, zone),
    end: at(endIso, zone),
    kind: 'session',
    sessionOf: { workshopId: 2, sessionId: 1, bookedSeats: 1, seats: 1, ...of },
  };
}

const BERLIN = 'Europe/Berlin';

describe('computeSlots: the grid', () => {
  it('starts at each range start, steps by the interval, never crosses the range end', () => {
    const answer = computeSlots(
      query({
        rules: rules(BERLIN, { monday: [...hours('09:00', '12:00'), ...hours('13:15', '15:00')] }),
        durationMinutes: 60,
        intervalMinutes: 30,
        range: { from: '2026-06-01', to: '2026-06-02', timeZone: BERLIN },
      }),
    );
    expect(clock(answer, BERLIN)).toEqual({
      '2026-06-01': ['09:00', '09:30', '10:00', '10:30', '11:00', '13:15', '13:45'],
      '2026-06-02': [],
    });
    expect(answer.timeZone).toBe(BERLIN);
    const first = answer.days[0]!.slots[0]!;
    expect(first.endTime.getTime() - first.startTime.getTime()).toBe(3_600_000);
    expect(first.availableSeats).toBe(1);
  });

  it('lists every date of the range in order, with or without slots', () => {
    const answer = computeSlots(
      query({
        rules: rules(BERLIN, { wednesday: hours('09:00', '10:00') }),
        range: { from: '2026-06-01', to: '2026-06-07', timeZone: BERLIN },
      }),
    );
    expect(answer.days.map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-06-01', 0],
      ['2026-06-02', 0],
      ['2026-06-03', 1],
      ['2026-06-04', 0],
      ['2026-06-05', 0],
      ['2026-06-06', 0],
      ['2026-06-07', 0],
    ]);
  });

  it('ends a range at 24:00 at midnight, and keeps the next day a separate range', () => {
    const answer = computeSlots(
      query({
        rules: rules(BERLIN, { friday: hours('22:00', '24:00'), saturday: hours('00:00', '01:00') }),
        durationMinutes: 90,
        intervalMinutes: 30,
        range: { from: '2026-06-05', to: '2026-06-06', timeZone: BERLIN },
      }),
    );
    // 22:30–24:00 is the last that fits; 23:00–00:30 would cross into Saturday's range.
    expect(clock(answer, BERLIN)).toEqual({ '2026-06-05': ['22:00', '22:30'], '2026-06-06': [] });
    const hourly = computeSlots(
      query({
        rules: rules(BERLIN, { friday: hours('22:00', '24:00'), saturday: hours('00:00', '01:00') }),
        range: { from: '2026-06-05', to: '2026-06-06', timeZone: BERLIN },
      }),
    );
    expect(clock(hourly, BERLIN)).toEqual({ '2026-06-05': ['22:00', '23:00'], '2026-06-06': ['00:00'] });
    expect(hourly.days[0]!.slots[1]!.endTime.toISOString()).toBe('2026-06-05T22:00:00.000Z');
  });
});

describe('computeSlots: daylight saving', () => {
  it('keeps Berlin wall-clock hours across the March and October changes', () => {
    const answer = computeSlots(
      query({
        rules: rules(BERLIN, { sunday: hours('09:00', '11:00') }),
        range: { from: '2026-03-22', to: '2026-03-29', timeZone: BERLIN },
      }),
    );
    expect(utc(answer)).toEqual([
      '2026-03-22T08:00:00.000Z',
      '2026-03-22T09:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
    ]);
    const autumn = computeSlots(
      query({
        rules: rules(BERLIN, { sunday: hours('09:00', '11:00') }),
        range: { from: '2026-10-18', to: '2026-10-25', timeZone: BERLIN },
      }),
    );
    expect(utc(autumn)).toEqual([
      '2026-10-18T07:00:00.000Z',
      '2026-10-18T08:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
    ]);
  });

  it('spring-forward night in Berlin: hours across and inside the 02:00–03:00 gap', () => {
    const on = (start: string, end: string, durationMinutes = 60) =>
      clock(
        computeSlots(
          query({
            rules: rules(BERLIN, {}, [{ date: '2026-03-29', ranges: hours(start, end) }]),
            durationMinutes,
            range: { from: '2026-03-29', to: '2026-03-29', timeZone: BERLIN },
          }),
        ),
        BERLIN,
        true,
      )['2026-03-29'];
    // 01:00–04:00 lasts two real hours; the grid runs on in real time across the jump.
    expect(on('01:00', '04:00')).toEqual(['01:00 +01:00', '03:00 +02:00']);
    // 02:00–04:00 starts when the clock jumps to 03:00.
    expect(on('02:00', '04:00', 30)).toEqual(['03:00 +02:00', '03:30 +02:00']);
    // A range wholly inside the gap never happens on the wall clock.
    expect(on('02:00', '03:00', 15)).toEqual([]);
    // 00:00–02:30 ends at the jump: the clock never reads 02:00–02:29 that night.
    expect(on('00:00', '02:30')).toEqual(['00:00 +01:00', '01:00 +01:00']);
  });

  it('fall-back night in Berlin: the repeated hour counts twice when the range holds it', () => {
    const on = (start: string, end: string, durationMinutes: number) =>
      clock(
        computeSlots(
          query({
            rules: rules(BERLIN, {}, [{ date: '2026-10-25', ranges: hours(start, end) }]),
            durationMinutes,
            range: { from: '2026-10-25', to: '2026-10-25', timeZone: BERLIN },
          }),
        ),
        BERLIN,
        true,
      )['2026-10-25'];
    expect(on('01:00', '05:00', 60)).toEqual([
      '01:00 +02:00',
      '02:00 +02:00',
      '02:00 +01:00',
      '03:00 +01:00',
      '04:00 +01:00',
    ]);
    // Starting inside the repeated hour: 02:30–03:00 summer time, then 02:30 winter time onwards
    // (02:00–02:30 winter time reads before the range start, so it is not offered).
    expect(on('02:30', '04:00', 30)).toEqual([
      '02:30 +02:00',
      '02:30 +01:00',
      '03:00 +01:00',
      '03:30 +01:00',
    ]);
  });

  it('America/New_York: March 8 and November 1, 2026', () => {
    const NY = 'America/New_York';
    const answer = computeSlots(
      query({
        rules: rules(NY, { sunday: hours('09:00', '10:00') }, [
          { date: '2026-03-08', ranges: hours('01:00', '04:00') },
        ]),
        range: { from: '2026-03-01', to: '2026-03-15', timeZone: NY },
      }),
    );
    expect(utc(answer)).toEqual([
      '2026-03-01T14:00:00.000Z',
      '2026-03-08T06:00:00.000Z', // 01:00 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT: 02:00 never happens
      '2026-03-15T13:00:00.000Z',
    ]);
    const autumn = computeSlots(
      query({
        rules: rules(NY, { sunday: hours('00:30', '02:30') }),
        intervalMinutes: 30,
        range: { from: '2026-11-01', to: '2026-11-01', timeZone: NY },
      }),
    );
    expect(clock(autumn, NY, true)['2026-11-01']).toEqual([
      '00:30 -04:00',
      '01:00 -04:00',
      '01:30 -04:00',
      '01:00 -05:00',
      '01:30 -05:00',
    ]);
  });

  it('Australia/Sydney: April (back an hour) and October (forward an hour)', () => {
    const SYD = 'Australia/Sydney';
    const night = (date: string) =>
      clock(
        computeSlots(
          query({
            rules: rules(SYD, {}, [{ date, ranges: hours('00:00', '04:00') }]),
            range: { from: date, to: date, timeZone: SYD },
          }),
        ),
        SYD,
        true,
      )[date];
    expect(night('2026-04-05')).toEqual([
      '00:00 +11:00',
      '01:00 +11:00',
      '02:00 +11:00',
      '02:00 +10:00',
      '03:00 +10:00',
    ]);
    expect(night('2026-10-04')).toEqual(['00:00 +10:00', '01:00 +10:00', '03:00 +11:00']);
    const days = computeSlots(
      query({
        rules: rules(SYD, everyDay('09:00', '10:00')),
        range: { from: '2026-04-04', to: '2026-04-05', timeZone: SYD },
      }),
    );
    expect(utc(days)).toEqual(['2026-04-03T22:00:00.000Z', '2026-04-04T23:00:00.000Z']);
  });
});

describe('computeSlots: zones', () => {
  it('a teacher in Tokyo seen from Los Angeles: the dates move', () => {
    const answer = computeSlots(
      query({
        rules: rules('Asia/Tokyo', { monday: [...hours('09:00', '12:00'), ...hours('18:00', '20:00')] }),
        range: { from: '2026-06-07', to: '2026-06-08', timeZone: 'America/Los_Angeles' },
      }),
    );
    // Monday 09:00 in Tokyo is Sunday 17:00 in Los Angeles; Monday 18:00 is Monday 02:00.
    expect(clock(answer, 'America/Los_Angeles')).toEqual({
      '2026-06-07': ['17:00', '18:00', '19:00'],
      '2026-06-08': ['02:00', '03:00'],
    });
    expect(answer.timeZone).toBe('America/Los_Angeles');
    expect(clock(answer, 'Asia/Tokyo')['2026-06-07']).toEqual(['09:00', '10:00', '11:00']);
  });
});

describe('computeSlots: overrides', () => {
  it('a day off, other hours, and hours on a day normally off', () => {
    const answer = computeSlots(
      query({
        rules: rules(BERLIN, { monday: hours('09:00', '11:00'), tuesday: hours('09:00', '11:00') }, [
          { date: '2026-06-01', ranges: [] },
          { date: '2026-06-02', ranges: hours('14:00', '16:00') },
          { date: '2026-06-06', ranges: hours('10:00', '11:00') },
        ]),
        range: { from: '2026-06-01', to: '2026-06-09', timeZone: BERLIN },
      }),
    );
    const byDate = clock(answer, BERLIN);
    expect(byDate['2026-06-01']).toEqual([]);
    expect(byDate['2026-06-02']).toEqual(['14:00', '15:00']);
    expect(byDate['2026-06-06']).toEqual(['10:00']);
    expect(byDate['2026-06-08']).toEqual(['09:00', '10:00']);
    expect(byDate['2026-06-09']).toEqual(['09:00', '10:00']);
  });
});

describe('computeSlots: busy time and buffers', () => {
  const monday = rules(BERLIN, { monday: hours('09:00', '13:00') });
  const range = { from: '2026-06-01', to: '2026-06-01', timeZone: BERLIN };
  const starts = (q: Partial<SlotQuery>) =>
    clock(computeSlots(query({ rules: monday, range, intervalMinutes: 30, ...q })), BERLIN)['2026-06-01'];

  it('a session blocks the slots it overlaps; back to back is no conflict', () => {
    const busy = [session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN)];
    expect(starts({ busy })).toEqual(['09:00', '11:00', '11:30', '12:00']);
    // An unbooked planned session blocks too (students are never offered a double-booked time).
    expect(
      starts({ busy: [session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN, { bookedSeats: 0 })] }),
    ).toEqual(['09:00', '11:00', '11:30', '12:00']);
  });

  it("this workshop's buffers widen the slot: [start - before, end + after) must be free", () => {
    const busy = [session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN)];
    // 09:00 would need 08:45–10:15 free; 11:30 needs 11:15–12:45.
    expect(starts({ busy, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 })).toEqual(['11:30', '12:00']);
    // Only after: 09:00 needs 09:00–10:15 → blocked; 11:00 needs 11:00–12:15 → free.
    expect(starts({ busy, bufferAfterMinutes: 15 })).toEqual(['11:00', '11:30', '12:00']);
    // Only before: 09:00 needs 08:45–10:00 → free; 11:00 needs 10:45–12:00 → blocked.
    expect(starts({ busy, bufferBeforeMinutes: 15 })).toEqual(['09:00', '11:30', '12:00']);
  });

  it("the other session's buffers are in its busy time (as stored: busy_from/busy_until)", () => {
    // A class 10:00–11:00 whose workshop keeps 30 minutes after it: busy 10:00–11:30.
    const busy = [session('2026-06-01T10:00', '2026-06-01T11:30', BERLIN)];
    expect(starts({ busy })).toEqual(['09:00', '11:30', '12:00']);
    // Both buffers apply: ours (15 before) and theirs (30 after): 11:30 needs 11:15–12:30.
    expect(starts({ busy, bufferBeforeMinutes: 15 })).toEqual(['09:00', '12:00']);
  });

  it('an external event blocks like a session, and is never joinable', () => {
    const busy: BusyInterval[] = [
      { start: at('2026-06-01T12:00', BERLIN), end: at('2026-06-01T12:30', BERLIN), kind: 'external' },
    ];
    expect(starts({ busy })).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00']);
    expect(starts({ busy, seats: 5, durationMinutes: 30, intervalMinutes: 30 })).not.toContain('12:00');
  });

  it('ignores entries that end before they start, and order does not matter', () => {
    const busy = [
      session('2026-06-01T12:00', '2026-06-01T13:00', BERLIN),
      session('2026-06-01T11:00', '2026-06-01T10:00', BERLIN),
      session('2026-06-01T09:00', '2026-06-01T10:00', BERLIN),
    ];
    expect(starts({ busy })).toEqual(['10:00', '10:30', '11:00']);
  });
});

describe('computeSlots: group slots', () => {
  const monday = rules(BERLIN, { monday: hours('09:00', '12:00') });
  const range = { from: '2026-06-01', to: '2026-06-01', timeZone: BERLIN };
  const slots = (q: Partial<SlotQuery>) =>
    computeSlots(query({ rules: monday, range, seats: 4, intervalMinutes: 30, ...q })).days[0]!.slots.map(
      (s) => [DateTime.fromJSDate(s.startTime, { zone: BERLIN }).toFormat('HH:mm'), s.availableSeats],
    );

  it('a session of this workshop at the slot with seats left is offered with its seats left', () => {
    const own = session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN, {
      workshopId: 1,
      bookedSeats: 1,
      seats: 4,
    });
    expect(slots({ busy: [own] })).toEqual([
      ['09:00', 4],
      ['10:00', 3],
      ['11:00', 4],
    ]);
  });

  it('a full one is not offered, nor is a slot overlapping it', () => {
    const full = session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN, {
      workshopId: 1,
      bookedSeats: 4,
      seats: 4,
    });
    expect(slots({ busy: [full] })).toEqual([
      ['09:00', 4],
      ['11:00', 4],
    ]);
  });

  it("matches with this workshop's buffers (its busy time is the slot's busy time)", () => {
    const own = session('2026-06-01T09:50', '2026-06-01T11:10', BERLIN, {
      workshopId: 1,
      bookedSeats: 2,
      seats: 4,
    });
    expect(slots({ busy: [own], bufferBeforeMinutes: 10, bufferAfterMinutes: 10 })).toEqual([['10:00', 2]]);
  });

  it("another workshop's session, a session of another length, or a second event there blocks", () => {
    const other = session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN, {
      workshopId: 2,
      bookedSeats: 1,
      seats: 4,
    });
    expect(slots({ busy: [other] }).map(([t]) => t)).toEqual(['09:00', '11:00']);
    const longer = session('2026-06-01T10:00', '2026-06-01T11:30', BERLIN, {
      workshopId: 1,
      bookedSeats: 1,
      seats: 4,
    });
    expect(slots({ busy: [longer] }).map(([t]) => t)).toEqual(['09:00']);
    const own = session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN, {
      workshopId: 1,
      bookedSeats: 1,
      seats: 4,
    });
    const external: BusyInterval = {
      start: at('2026-06-01T10:30', BERLIN),
      end: at('2026-06-01T10:45', BERLIN),
      kind: 'external',
    };
    expect(slots({ busy: [own, external] }).map(([t]) => t)).toEqual(['09:00', '11:00']);
  });
});

describe('computeSlots: notice, horizon, daily maximum', () => {
  const weekdays = rules(BERLIN, {
    monday: hours('09:00', '13:00'),
    tuesday: hours('09:00', '13:00'),
    wednesday: hours('09:00', '13:00'),
  });
  const range = { from: '2026-06-01', to: '2026-06-03', timeZone: BERLIN };

  it('minimum notice: the first grid start at or after now + notice (the grid stays on the range)', () => {
    const answer = computeSlots(
      query({
        rules: weekdays,
        range,
        intervalMinutes: 45,
        now: at('2026-06-01T09:40', BERLIN),
        minimumNoticeMinutes: 60,
      }),
    );
    expect(clock(answer, BERLIN)['2026-06-01']).toEqual(['11:15', '12:00']);
    // The notice boundary itself is bookable.
    const exact = computeSlots(
      query({ rules: weekdays, range, now: at('2026-06-01T09:00', BERLIN), minimumNoticeMinutes: 120 }),
    );
    expect(clock(exact, BERLIN)['2026-06-01']).toEqual(['11:00', '12:00']);
  });

  it('horizon: no slot starts after now + horizon days', () => {
    const answer = computeSlots(
      query({ rules: weekdays, range, now: at('2026-06-01T10:00', BERLIN), horizonDays: 2 }),
    );
    expect(clock(answer, BERLIN)).toEqual({
      '2026-06-01': ['10:00', '11:00', '12:00'],
      '2026-06-02': ['09:00', '10:00', '11:00', '12:00'],
      '2026-06-03': ['09:00', '10:00'],
    });
    const beyond = computeSlots(
      query({ rules: weekdays, range: { ...range, from: '2026-09-01', to: '2026-09-30' }, horizonDays: 60 }),
    );
    expect(beyond.days).toHaveLength(30);
    expect(beyond.days.every((d) => d.slots.length === 0)).toBe(true);
  });

  it("daily maximum: counts the teacher's booked sessions per local day", () => {
    const busy = [
      session('2026-06-01T09:00', '2026-06-01T10:00', BERLIN),
      session('2026-06-01T12:00', '2026-06-01T13:00', BERLIN, { workshopId: 7 }),
      session('2026-06-02T09:00', '2026-06-02T10:00', BERLIN),
      // Planned, nobody booked: blocks its time but is not a booking.
      session('2026-06-03T09:00', '2026-06-03T10:00', BERLIN, { bookedSeats: 0 }),
      session('2026-06-03T12:00', '2026-06-03T13:00', BERLIN, { bookedSeats: 0 }),
    ];
    const answer = computeSlots(query({ rules: weekdays, range, busy, maxBookingsPerDay: 2 }));
    expect(clock(answer, BERLIN)).toEqual({
      '2026-06-01': [],
      '2026-06-02': ['10:00', '11:00', '12:00'],
      '2026-06-03': ['10:00', '11:00'],
    });
    const unlimited = computeSlots(query({ rules: weekdays, range, busy }));
    expect(clock(unlimited, BERLIN)['2026-06-01']).toEqual(['10:00', '11:00']);
  });

  it('daily maximum: the day is the teacher-local day of the session itself, not of its buffer', () => {
    const late = rules(BERLIN, { monday: hours('20:00', '24:00'), tuesday: hours('00:00', '03:00') });
    // A session Tuesday 00:30 with a 60-minute buffer before: busy from Monday 23:30.
    const busy: BusyInterval[] = [
      {
        ...session('2026-06-01T23:30', '2026-06-02T01:30', BERLIN),
        sessionOf: {
          workshopId: 2,
          sessionId: 9,
          bookedSeats: 1,
          seats: 1,
          startTime: at('2026-06-02T00:30', BERLIN),
        },
      },
    ];
    const answer = computeSlots(
      query({ rules: late, range: { ...range, to: '2026-06-02' }, busy, maxBookingsPerDay: 1 }),
    );
    expect(clock(answer, BERLIN)).toEqual({ '2026-06-01': ['20:00', '21:00', '22:00'], '2026-06-02': [] });
  });

  it('daily maximum: a group session with seats left stays joinable on a full day', () => {
    const busy = [
      session('2026-06-01T10:00', '2026-06-01T11:00', BERLIN, { workshopId: 1, bookedSeats: 1, seats: 3 }),
    ];
    const answer = computeSlots(
      query({ rules: weekdays, range: { ...range, to: '2026-06-01' }, busy, seats: 3, maxBookingsPerDay: 1 }),
    );
    expect(answer.days[0]!.slots.map((s) => s.availableSeats)).toEqual([2]);
    expect(clock(answer, BERLIN)['2026-06-01']).toEqual(['10:00']);
  });
});

describe('computeSlots: validation', () => {
  const base = { rules: rules(BERLIN, everyDay('09:00', '10:00')) };
  const code = (q: SlotQuery) => {
    try {
      computeSlots(q);
      return 'ok';
    } catch (error) {
      return error instanceof AppError ? error.code : String(error);
    }
  };

  it('at most 62 days apart, from before to', () => {
    const ok = computeSlots(
      query({ ...base, range: { from: '2026-01-01', to: '2026-03-04', timeZone: BERLIN } }),
    );
    expect(ok.days).toHaveLength(63);
    expect(ok.days.at(-1)!.date).toBe('2026-03-04');
    expect(code(query({ ...base, range: { from: '2026-01-01', to: '2026-03-05', timeZone: BERLIN } }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(code(query({ ...base, range: { from: '2026-01-02', to: '2026-01-01', timeZone: BERLIN } }))).toBe(
      'VALIDATION_ERROR',
    );
  });

  it('refuses a bad date, zone or setting', () => {
    const range = { from: '2026-01-01', to: '2026-01-02', timeZone: BERLIN };
    expect(code(query({ ...base, range: { ...range, from: '2026-02-30' } }))).toBe('VALIDATION_ERROR');
    expect(code(query({ ...base, range: { ...range, timeZone: 'Mars/Olympus' } }))).toBe('VALIDATION_ERROR');
    expect(code(query({ ...base, range, rules: { ...base.rules, timeZone: 'Nowhere/Else' } }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(code(query({ ...base, range, durationMinutes: 0 }))).toBe('VALIDATION_ERROR');
    expect(code(query({ ...base, range, intervalMinutes: 2.5 }))).toBe('VALIDATION_ERROR');
    expect(code(query({ ...base, range, seats: 0 }))).toBe('VALIDATION_ERROR');
    expect(code(query({ ...base, range, now: new Date(Number.NaN) }))).toBe('VALIDATION_ERROR');
  });
});

describe('slotBusyWindow', () => {
  it('covers the range with room for buffers and whole local days, or nothing when no slot can exist', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const window = slotBusyWindow({
      now,
      minimumNoticeMinutes: 0,
      horizonDays: 60,
      range: { from: '2026-06-10', to: '2026-06-12', timeZone: BERLIN },
    })!;
    expect(window.from.getTime()).toBeLessThanOrEqual(Date.parse('2026-06-09T00:00:00Z'));
    expect(window.to.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-06-14T00:00:00Z'));
    expect(
      slotBusyWindow({
        now,
        minimumNoticeMinutes: 0,
        horizonDays: 5,
        range: { from: '2026-06-10', to: '2026-06-12', timeZone: BERLIN },
      }),
    ).toBeUndefined();
  });
});
