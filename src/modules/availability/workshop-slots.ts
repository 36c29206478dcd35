import type { Executor } from '../../db/client.ts';
import { sessionsBusy } from './busy.repo.ts';
import { externalBusyFor } from './external-busy.ts';
import { availabilityRulesFor } from './schedule-lookup.ts';
import type { AvailabilityRules } from './schedule-shape.schema.ts';
import { computeSlots, type Slot, type SlotAnswer, slotBusyWindow } from './slots.ts';
import { DAY, dateOfDay } from './slots-zone.ts';

/** A slot-booked workshop as its slots need it (the workshop's columns and its teacher). */
export interface SlotWorkshop {
  workshopId: number;
  teacherId: number;
  scheduleId: number | null;
  durationMinutes: number;
  seats: number;
  slotIntervalMinutes: number | null;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerDay: number | null;
}

export interface SlotRange {
  from: string;
  to: string;
  /** The visitor's zone; the schedule's when absent. */
  timeZone?: string | undefined;
}

/**
 * The workshop's free slots over the visitor's dates: its teacher's schedule (the workshop's, or
 * the teacher's default), less everything keeping the teacher busy. See `computeSlots`.
 * `timeZone` of the answer is the visitor's; the schedule's zone is returned beside it.
 */
export async function workshopSlots(
  db: Executor,
  input: {
    tenantId: number;
    workshop: SlotWorkshop;
    range: SlotRange;
    now: Date;
    /** The slots the hours alone give, as if the teacher had nothing else on. */
    ignoreBusy?: boolean;
  },
): Promise<SlotAnswer & { scheduleTimeZone: string | null }> {
  const { workshop, now } = input;
  // The busy window depends only on the dates, so the three reads run at once.
  const window = input.ignoreBusy
    ? undefined
    : slotBusyWindow(slotQuery(workshop, now, { ...input.range, timeZone: 'UTC' }));
  const scope = window && { tenantId: input.tenantId, teacherId: workshop.teacherId, ...window };
  const [rules, sessions, external] = await Promise.all([
    availabilityRulesFor(db, {
      tenantId: input.tenantId,
      teacherId: workshop.teacherId,
      scheduleId: workshop.scheduleId,
    }),
    scope ? sessionsBusy(db, scope) : [],
    scope ? externalBusyFor(db, scope) : [],
  ]);
  const query = slotQuery(workshop, now, {
    ...input.range,
    timeZone: input.range.timeZone ?? rules?.timeZone ?? 'UTC',
  });
  // A teacher who left the school has no hours: every date, no slot (computeSlots checks the range).
  const noHours = { timeZone: 'UTC', weeklyHours: EMPTY_WEEK, overrides: [] };
  const busy = rules ? [...sessions, ...external] : [];
  return {
    ...computeSlots({ ...query, rules: rules ?? noHours, busy }),
    scheduleTimeZone: rules?.timeZone ?? null,
  };
}

function slotQuery(workshop: SlotWorkshop, now: Date, range: Required<SlotRange>) {
  return {
    workshopId: workshop.workshopId,
    durationMinutes: workshop.durationMinutes,
    intervalMinutes: workshop.slotIntervalMinutes,
    bufferBeforeMinutes: workshop.bufferBeforeMinutes,
    bufferAfterMinutes: workshop.bufferAfterMinutes,
    minimumNoticeMinutes: workshop.minimumNoticeMinutes,
    horizonDays: workshop.bookingHorizonDays,
    maxBookingsPerDay: workshop.maxBookingsPerDay,
    seats: workshop.seats,
    now,
    range,
  };
}

/**
 * The slot starting at `startTime` if the teacher's hours, the grid, the notice and the horizon
 * offer one, without reading anything: what the teacher's other commitments allow is decided by
 * the statement that takes the seat (see the bookings domain's `reserveSlotSeat`).
 */
export function gridSlot(input: {
  workshop: SlotWorkshop;
  rules: AvailabilityRules;
  startTime: Date;
  now: Date;
}): Slot | undefined {
  const at = input.startTime.getTime();
  const date = dateOfDay(Math.floor(at / DAY));
  const query = slotQuery(input.workshop, input.now, { from: date, to: date, timeZone: 'UTC' });
  return startingAt(computeSlots({ ...query, maxBookingsPerDay: null, rules: input.rules, busy: [] }), at);
}

const EMPTY_WEEK = {
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday: [],
  saturday: [],
  sunday: [],
};

/**
 * What a booking for `startTime` finds: the free slot, `taken` when the time is one of the
 * workshop's slots but not free now (booked, the teacher busy, the day full), or `invalid` when
 * no slot ever starts then (outside the hours, off the grid, too soon, too far ahead).
 */
export async function findSlot(
  db: Executor,
  input: { tenantId: number; workshop: SlotWorkshop; startTime: Date; now: Date },
): Promise<{ slot: Slot; timeZone: string } | { refused: 'taken' | 'invalid' }> {
  const at = input.startTime.getTime();
  const day = Math.floor(at / DAY);
  const range = { from: dateOfDay(day), to: dateOfDay(day), timeZone: 'UTC' };
  const free = await workshopSlots(db, { ...input, range });
  const slot = startingAt(free, at);
  if (slot) return { slot, timeZone: free.scheduleTimeZone ?? 'UTC' };
  const unbusy = await workshopSlots(db, {
    ...input,
    range,
    workshop: { ...input.workshop, maxBookingsPerDay: null },
    ignoreBusy: true,
  });
  return { refused: startingAt(unbusy, at) ? 'taken' : 'invalid' };
}

function startingAt(answer: SlotAnswer, at: number): Slot | undefined {
  for (const day of answer.days) {
    for (const slot of day.slots) if (slot.startTime.getTime() === at) return slot;
  }
  return undefined;
}
