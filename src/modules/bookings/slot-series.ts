import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import type { AvailabilityRules } from '../availability/schedule-shape.schema.ts';
import { gridSlot } from '../availability/workshop-slots.ts';
import { expandRecurrence, MAX_OCCURRENCES } from '../workshops/recurrence.ts';
import type { CatalogWorkshop } from './booking-catalog.ts';
import type { SlotSession, SlotTeacher } from './slot-seats.repo.ts';

/** One slot a booking takes: the session it makes or joins and what it keeps the teacher from. */
export interface SlotOccurrence {
  slot: SlotSession;
  teacher: SlotTeacher;
}

// The recurrence as workshop.create and update store it (jsonb: the end date is an ISO string).
const storedRule = z.object({
  frequency: z.enum(['weekly', 'biweekly', 'monthly', 'none']),
  count: z.number().int().min(1).max(MAX_OCCURRENCES).nullish(),
  endDate: z.coerce.date().nullish(),
});

/** A slot-booked workshop's series rule, or undefined when a booking takes one slot. */
export function seriesRule(raw: unknown) {
  const parsed = storedRule.safeParse(raw);
  if (!parsed.success || parsed.data.frequency === 'none') return undefined;
  const { frequency, count, endDate } = parsed.data;
  if (count == null && endDate == null) return undefined;
  return { frequency, count: count ?? undefined, endDate: endDate ?? undefined };
}

/** The slot at `startTime` as a booking takes it, with the workshop's buffers and daily maximum. */
export function slotOccurrence(
  workshop: CatalogWorkshop,
  zone: string,
  slot: { startTime: Date; endTime: Date },
): SlotOccurrence {
  const day = DateTime.fromJSDate(slot.startTime, { zone }).startOf('day');
  return {
    slot: { startTime: slot.startTime, endTime: slot.endTime, timeZone: zone, seats: workshop.seats },
    teacher: {
      teacherId: workshop.teacherId,
      busyFrom: new Date(slot.startTime.getTime() - workshop.bufferBeforeMinutes * 60_000),
      busyUntil: new Date(slot.endTime.getTime() + workshop.bufferAfterMinutes * 60_000),
      day:
        workshop.maxBookingsPerDay == null
          ? undefined
          : {
              from: day.toJSDate(),
              until: day.plus({ days: 1 }).toJSDate(),
              max: workshop.maxBookingsPerDay,
            },
    },
  };
}

/**
 * The occurrences a booking of the first slot takes when the workshop recurs: the same local
 * time in the schedule's zone (DST-safe, see `expandRecurrence`), until `count` or `endDate`.
 * Each later occurrence must be one of the teacher's slots by their hours; the booking horizon
 * bounds only the first (the series is what the student books then). Whether each is free is
 * the seat statements' to decide, in one transaction.
 */
export function seriesOccurrences(
  workshop: CatalogWorkshop,
  rules: AvailabilityRules,
  first: SlotOccurrence,
  now: Date,
): SlotOccurrence[] {
  const rule = seriesRule(workshop.recurrence);
  // Past the series' end date a booking takes the one slot: the offer's series has run out.
  if (!rule || (rule.endDate && rule.endDate < first.slot.startTime)) return [first];
  const zone = rules.timeZone;
  const starts = expandRecurrence({ start: first.slot.startTime, timeZone: zone, ...rule });
  const unbounded = { ...workshop, durationMinutes: workshop.duration, bookingHorizonDays: 3_650 };
  return starts.map((startTime, index) => {
    if (index === 0) return first;
    const slot = gridSlot({ workshop: unbounded, rules, startTime, now });
    if (!slot) {
      throw new AppError(
        'NO_SEATS_AVAILABLE',
        `Session ${index + 1} of the series (${occurrenceLabel(startTime, zone)}) falls outside the teacher's hours; choose another time`,
      );
    }
    return slotOccurrence(workshop, zone, slot);
  });
}

/** "Tue 13 Jan 2027 18:00 (Europe/Madrid)": an occurrence named in a refusal. */
export function occurrenceLabel(startTime: Date, zone: string): string {
  return `${DateTime.fromJSDate(startTime, { zone }).toFormat('ccc d LLL yyyy HH:mm')} ${zone}`;
}
