import type { PublicSlots, PublicWorkshop } from '../public/public.schemas.ts';
import type { PublicService } from '../public/public.service.ts';
import type { Rendered } from '../public/render-cache.ts';
import {
  addDays,
  dateInZone,
  lastDateOf,
  parseDate,
  parseMonth,
  type SlotPickerView,
  shiftMonth,
} from './slot-picker.ts';

// Which month and day a slot-booked workshop's page shows, from its query (`?month=&date=`) and
// the public slots answer (the same cached answer `GET …/slots` serves): one answer per month
// and zone, shared by every visitor of that month.

/** Months ahead a visitor may page to; past the booking horizon they are simply empty. */
const MONTHS_AHEAD = 24;
/** The slots answer spans at most this many days (the public API's limit). */
const MAX_SPAN_DAYS = 62;

export interface SlotPickerRequest {
  tenantSlug: string;
  view: PublicWorkshop;
  /** The zone the visitor chose (`?tz=`, the form's); undefined: the teacher's schedule's. */
  zone: string | undefined;
  month: unknown;
  date: unknown;
  now: Date;
  /** The zone to guess the current month in before the answer names the schedule's. */
  fallbackZone: string;
}

export interface LoadedSlotPicker {
  picker: SlotPickerView;
  /** The slots answer it was made from (the page is cached per answer). */
  rendered: Rendered;
}

/**
 * The month (asked for, or the next free slot's, or the current one; never before the current
 * month), its days with their free slots in the zone, the chosen day (asked for when it has free
 * times, else the month's first that has), and whether months before and after can be shown.
 */
export async function loadSlotPicker(
  catalog: Pick<PublicService, 'slots'>,
  request: SlotPickerRequest,
): Promise<LoadedSlotPicker> {
  const { view, zone, now } = request;
  const askedDate = parseDate(request.date);
  const asked = parseMonth(request.month) ?? askedDate?.slice(0, 7);
  const next = view.schedule[0];
  const nextMonth = next
    ? (zone ? dateInZone(new Date(next.startTime), zone) : next.date).slice(0, 7)
    : undefined;
  let month = asked ?? nextMonth ?? dateInZone(now, zone ?? request.fallbackZone).slice(0, 7);

  let rendered = await monthSlots(catalog, request, month);
  let answer = rendered.view as PublicSlots;
  const current = dateInZone(now, answer.timeZone).slice(0, 7);
  if (month < current || month > shiftMonth(current, MONTHS_AHEAD)) {
    month = current;
    rendered = await monthSlots(catalog, request, month);
    answer = rendered.view as PublicSlots;
  }

  const last = lastDateOf(month);
  const days = answer.days.filter((day) => day.date.startsWith(`${month}-`));
  const free = days.filter((day) => day.slots.length > 0).map((day) => day.date);
  const date = askedDate && free.includes(askedDate) ? askedDate : (free[0] ?? null);
  // A day either side of the month: in a zone up to a day apart, they hold some of its dates.
  const nearby = answer.days
    .filter((day) => day.date >= addDays(`${month}-01`, -2) && day.date <= addDays(last, 2))
    .flatMap((day) => day.slots);
  const later = answer.days.some((day) => day.date > last && day.slots.length > 0);
  const picker: SlotPickerView = {
    zone: answer.timeZone,
    linkZone: zone ?? null,
    month,
    days,
    date,
    prevMonth: month > current ? shiftMonth(month, -1) : null,
    nextMonth: later && month < shiftMonth(current, MONTHS_AHEAD) ? shiftMonth(month, 1) : null,
    nearby,
    showSeats: view.totalSeats > 1,
    duration: view.duration,
  };
  return { picker, rendered };
}

/**
 * The slots from two days before the month to as far into the next as the API's range allows:
 * enough to regroup the month in any zone, and to know whether a later month has free times.
 */
function monthSlots(catalog: Pick<PublicService, 'slots'>, request: SlotPickerRequest, month: string) {
  const from = addDays(`${month}-01`, -2);
  const end = lastDateOf(shiftMonth(month, 1));
  const cap = addDays(from, MAX_SPAN_DAYS);
  return catalog.slots(request.tenantSlug, request.view.slug, {
    from,
    // ISO dates: the earlier sorts first.
    to: [end, cap].sort()[0],
    timeZone: request.zone,
  });
}
