import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type AvailabilityRules, minutesOfDay, type TimeRange, WEEKDAYS } from './schedule-shape.schema.ts';
import { type BusyInterval, computeSlots, type SlotAnswer, type SlotQuery } from './slots.ts';

// Property tests: computeSlots against a brute-force model that reads the zone clock every five
// minutes (no offset tables, no arithmetic across changes), around the daylight-saving changes of
// both hemispheres, half-hour changes (Lord Howe) and changes at midnight (Santiago). Schedules
// use a five-minute grid and every change in these zones falls on one, so a five-minute scan is
// exact. Then the plain invariants, checked with luxon's DateTime.

const MIN = 60_000;
const DAY = 86_400_000;
const STEP = 5 * MIN;
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Tokyo',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Los_Angeles',
  'UTC',
];
// Change days in 2026 for these zones, and ordinary days.
const BASE_DATES = [
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-04-06',
  '2026-09-06',
  '2026-09-27',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
  '2026-06-15',
];

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Up to three sorted ranges on a five-minute grid, touching allowed, `24:00` possible. */
const dayRanges = fc.array(fc.integer({ min: 0, max: 288 }), { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    if (sorted[i]! < sorted[i + 1]!)
      ranges.push({ start: hhmm(sorted[i]! * 5), end: hhmm(sorted[i + 1]! * 5) });
  }
  return ranges;
});

const scenario = fc
  .record({
    teacherZone: fc.constantFrom(...ZONES),
    visitorZone: fc.constantFrom(...ZONES),
    base: fc.constantFrom(...BASE_DATES),
    shift: fc.integer({ min: -2, max: 1 }),
    length: fc.integer({ min: 0, max: 3 }),
    week: fc.tuple(dayRanges, dayRanges, dayRanges, dayRanges, dayRanges, dayRanges, dayRanges),
    overrides: fc.array(fc.record({ at: fc.integer({ min: -1, max: 4 }), ranges: dayRanges }), {
      maxLength: 3,
    }),
    nowHours: fc.integer({ min: -72, max: 30 }),
    durationMinutes: fc.integer({ min: 5, max: 240 }),
    intervalMinutes: fc.option(fc.integer({ min: 5, max: 240 }), { nil: undefined }),
    bufferBeforeMinutes: fc.integer({ min: 0, max: 60 }),
    bufferAfterMinutes: fc.integer({ min: 0, max: 60 }),
    minimumNoticeMinutes: fc.integer({ min: 0, max: 600 }),
    horizonDays: fc.integer({ min: 1, max: 10 }),
    maxBookingsPerDay: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    seats: fc.integer({ min: 1, max: 3 }),
    busy: fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 7 * 288 }),
        length: fc.integer({ min: 1, max: 48 }),
        external: fc.boolean(),
        own: fc.boolean(),
        bookedSeats: fc.integer({ min: 0, max: 3 }),
        seats: fc.integer({ min: 1, max: 3 }),
        lead: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      }),
      { maxLength: 15 },
    ),
    joins: fc.array(fc.record({ pick: fc.nat(), bookedSeats: fc.integer({ min: 0, max: 3 }) }), {
      maxLength: 3,
    }),
  })
  .map((s) => {
    const from = dayOf(s.base) + s.shift;
    const rules: AvailabilityRules = {
      timeZone: s.teacherZone,
      weeklyHours: Object.fromEntries(
        WEEKDAYS.map((d, i) => [d, s.week[i]!]),
      ) as AvailabilityRules['weeklyHours'],
      overrides: [...new Map(s.overrides.map((o) => [dateOf(from + o.at), o.ranges])).entries()]
        .map(([date, ranges]) => ({ date, ranges }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    };
    const scanFrom = (from - 2) * DAY;
    const busy: BusyInterval[] = s.busy.map((b) => {
      const start = new Date(scanFrom + b.offset * STEP);
      const end = new Date(start.getTime() + b.length * STEP);
      if (b.external) return { start, end, kind: 'external' };
      const startTime = b.lead === undefined ? undefined : new Date(start.getTime() + b.lead * STEP);
      return {
        start,
        end,
        kind: 'session',
        sessionOf: {
          workshopId: b.own ? 1 : 2,
          sessionId: 1,
          bookedSeats: b.bookedSeats,
          seats: b.seats,
          startTime,
        },
      };
    });
    const query: SlotQuery = {
      rules,
      workshopId: 1,
      durationMinutes: s.durationMinutes,
      intervalMinutes: s.intervalMinutes,
      bufferBeforeMinutes: s.bufferBeforeMinutes,
      bufferAfterMinutes: s.bufferAfterMinutes,
      minimumNoticeMinutes: s.minimumNoticeMinutes,
      horizonDays: s.horizonDays,
      maxBookingsPerDay: s.maxBookingsPerDay,
      seats: s.seats,
      busy,
      now: new Date(from * DAY + s.nowHours * 3_600_000),
      range: { from: dateOf(from), to: dateOf(from + s.length), timeZone: s.visitorZone },
    };
    return { query, joins: s.joins };
  });

function rangesOn(rules: AvailabilityRules, day: number): TimeRange[] {
  const date = dateOf(day);
  const override = rules.overrides.find((o) => o.date === date);
  if (override) return override.ranges;
  return rules.weeklyHours[WEEKDAYS[(((day + 3) % 7) + 7) % 7]!];
}

/** The expected answer, as start instants per date, by brute force. */
function model(q: SlotQuery): Record<string, number[]> {
  const teacher = IANAZone.create(q.rules.timeZone);
  const visitor = IANAZone.create(q.range.timeZone);
  const wall = (zone: IANAZone, t: number) => t + zone.offset(t) * MIN;
  const fromDay = dayOf(q.range.from);
  const toDay = dayOf(q.range.to);
  const now = q.now.getTime();
  const lower = now + (q.minimumNoticeMinutes ?? 0) * MIN;
  const upper = now + q.horizonDays * DAY;
  const duration = q.durationMinutes * MIN;
  const interval = (q.intervalMinutes ?? q.durationMinutes) * MIN;
  const before = (q.bufferBeforeMinutes ?? 0) * MIN;
  const after = (q.bufferAfterMinutes ?? 0) * MIN;

  // Pieces: maximal runs of scan instants whose reading is inside one range of its local date.
  const pieces: Array<{ day: number; start: number; end: number }> = [];
  let open: { key: string; day: number; start: number } | undefined;
  for (let t = (fromDay - 3) * DAY; t <= (toDay + 4) * DAY; t += STEP) {
    const w = wall(teacher, t);
    const day = Math.floor(w / DAY);
    const minute = (w - day * DAY) / MIN;
    const index = rangesOn(q.rules, day).findIndex(
      (r) => minutesOfDay(r.start) <= minute && minute < minutesOfDay(r.end),
    );
    const key = index < 0 ? '' : `${day}:${index}`;
    if (open && open.key !== key) {
      pieces.push({ day: open.day, start: open.start, end: t });
      open = undefined;
    }
    if (!open && key) open = { key, day, start: t };
  }

  const booked = new Map<number, number>();
  for (const b of q.busy) {
    if (b.kind !== 'session' || !b.sessionOf || b.sessionOf.bookedSeats <= 0) continue;
    const day = Math.floor(wall(teacher, (b.sessionOf.startTime ?? b.start).getTime()) / DAY);
    booked.set(day, (booked.get(day) ?? 0) + 1);
  }

  const out: Record<string, number[]> = {};
  for (let day = fromDay; day <= toDay; day++) out[dateOf(day)] = [];
  for (const piece of pieces) {
    for (let s = piece.start; s + duration <= piece.end; s += interval) {
      if (s < lower || s > upper) continue;
      const date = dateOf(Math.floor(wall(visitor, s) / DAY));
      if (!(date in out)) continue;
      const from = s - before;
      const to = s + duration + after;
      const overlapping = q.busy.filter(
        (b) => b.start < b.end && b.start.getTime() < to && b.end.getTime() > from,
      );
      const only = overlapping[0];
      const joinable =
        overlapping.length === 1 &&
        only!.kind === 'session' &&
        only!.sessionOf?.workshopId === q.workshopId &&
        only!.start.getTime() === from &&
        only!.end.getTime() === to &&
        only!.sessionOf.seats > only!.sessionOf.bookedSeats;
      if (overlapping.length > 0 && !joinable) continue;
      if (!joinable && q.maxBookingsPerDay && (booked.get(piece.day) ?? 0) >= q.maxBookingsPerDay) continue;
      out[date]!.push(s);
    }
  }
  return out;
}

const starts = (answer: SlotAnswer) =>
  Object.fromEntries(answer.days.map((d) => [d.date, d.slots.map((s) => s.startTime.getTime())]));

/** The invariants, read with luxon's DateTime rather than the model's arithmetic. */
function checkInvariants(q: SlotQuery, answer: SlotAnswer): void {
  const all = answer.days.flatMap((d) => d.slots);
  const duration = q.durationMinutes * MIN;
  const interval = (q.intervalMinutes ?? q.durationMinutes) * MIN;
  for (let i = 1; i < all.length; i++) {
    expect(all[i]!.startTime.getTime()).toBeGreaterThan(all[i - 1]!.startTime.getTime());
    // Slots never overlap when the grid steps at least a slot's length.
    if (interval >= duration) expect(all[i]!.startTime >= all[i - 1]!.endTime).toBe(true);
  }
  for (const day of answer.days) {
    for (const slot of day.slots) {
      const start = slot.startTime.getTime();
      const end = slot.endTime.getTime();
      expect(end - start).toBe(duration);
      expect(DateTime.fromMillis(start, { zone: q.range.timeZone }).toISODate()).toBe(day.date);
      expect(start).toBeGreaterThanOrEqual(q.now.getTime() + (q.minimumNoticeMinutes ?? 0) * MIN);
      expect(start).toBeLessThanOrEqual(q.now.getTime() + q.horizonDays * DAY);
      // Inside the teacher's hours: every instant of the slot reads inside one range of one date.
      const readings = new Set<string>();
      for (let t = start; t < end; t += STEP) readings.add(rangeReading(q.rules, t));
      readings.add(rangeReading(q.rules, end - 1));
      expect([...readings]).toHaveLength(1);
      expect([...readings][0]).not.toBe('outside');
      // No busy time overlaps the slot plus buffers, but the group session it joins.
      const from = start - (q.bufferBeforeMinutes ?? 0) * MIN;
      const to = end + (q.bufferAfterMinutes ?? 0) * MIN;
      const overlapping = q.busy.filter(
        (b) => b.start < b.end && b.start.getTime() < to && b.end.getTime() > from,
      );
      if (slot.availableSeats === q.seats && overlapping.length === 0) continue;
      expect(overlapping).toHaveLength(1);
      const own = overlapping[0]!;
      expect(own.sessionOf?.workshopId).toBe(q.workshopId);
      expect([own.start.getTime(), own.end.getTime()]).toEqual([from, to]);
      expect(slot.availableSeats).toBe(own.sessionOf!.seats - own.sessionOf!.bookedSeats);
    }
  }
}

function rangeReading(rules: AvailabilityRules, t: number): string {
  const local = DateTime.fromMillis(t, { zone: rules.timeZone });
  const date = local.toISODate()!;
  const minute = local.hour * 60 + local.minute + local.second / 60;
  const index = rangesOn(rules, dayOf(date)).findIndex(
    (r) => minutesOfDay(r.start) <= minute && minute < minutesOfDay(r.end),
  );
  return index < 0 ? 'outside' : `${date}#${index}`;
}

describe('computeSlots (properties)', () => {
  it('matches a brute-force model and keeps the invariants, group sessions included', () => {
    fc.assert(
      fc.property(scenario, ({ query, joins }) => {
        const answer = computeSlots(query);
        expect(starts(answer)).toEqual(model(query));
        checkInvariants(query, answer);
        // Put sessions of this workshop exactly at some offered slots: joinable while seats last.
        const offered = answer.days.flatMap((d) => d.slots);
        if (offered.length === 0 || joins.length === 0) return;
        const before = (query.bufferBeforeMinutes ?? 0) * MIN;
        const after = (query.bufferAfterMinutes ?? 0) * MIN;
        const added: BusyInterval[] = joins.map((j, i) => {
          const slot = offered[j.pick % offered.length]!;
          return {
            start: new Date(slot.startTime.getTime() - before),
            end: new Date(slot.endTime.getTime() + after),
            kind: 'session',
            sessionOf: { workshopId: 1, sessionId: 100 + i, bookedSeats: j.bookedSeats, seats: query.seats },
          };
        });
        const withGroups = { ...query, busy: [...query.busy, ...added] };
        const regrouped = computeSlots(withGroups);
        expect(starts(regrouped)).toEqual(model(withGroups));
        checkInvariants(withGroups, regrouped);
      }),
      { numRuns: 150 },
    );
    // A few seconds alone; far more when the suite shares two cores with other files.
  }, 120_000);
});
