import { escapeHtml } from '../../lib/html.ts';
import { intlLocale } from '../../lib/i18n/dates.ts';
import type { Locale } from '../../lib/i18n/locales.schema.ts';
import { type MessageKey, type Translator, translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { zoneLabel } from './booking-site.ts';

// The month view of a slot-booked workshop's page, as Cal.com's booker shows it: a month grid
// whose days with free times are links (the others plain text), previous/next month links, and
// the chosen day's times as the booking form's choices. Without JavaScript every choice is a link
// with query parameters (`?month=&date=&tz=`); site.js regroups the month's slots (carried in
// `data-slots`) by day in the visitor's zone and switches days without a request.

/** A free slot as the public slots answer gives it. */
export interface PickerSlot {
  startTime: string;
  endTime: string;
  availableSeats: number;
}

export interface SlotPickerView {
  /** The zone the dates and times are in (the slots answer's). */
  zone: string;
  /** The zone the visitor asked for (`?tz=`, or the form's), kept in every link; null: the default. */
  linkZone: string | null;
  /** 'YYYY-MM'. */
  month: string;
  /** Every date of the month with its free slots. */
  days: Array<{ date: string; slots: PickerSlot[] }>;
  /** The day whose times are shown: a day of the month with free slots, or null when it has none. */
  date: string | null;
  prevMonth: string | null;
  nextMonth: string | null;
  /** The month's slots and those of a day or two either side, for the script to regroup. */
  nearby: PickerSlot[];
  /** Group slots: say how many seats are left. */
  showSeats: boolean;
  /** Minutes. */
  duration: number;
}

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Dates ('YYYY-MM-DD', 'YYYY-MM': calendar dates with no zone of their own)

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A 'YYYY-MM' from the query, or undefined. */
export function parseMonth(value: unknown): string | undefined {
  return typeof value === 'string' && MONTH_RE.test(value) ? value : undefined;
}

/** A real 'YYYY-MM-DD' from the query (not 31 February), or undefined. */
export function parseDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return undefined;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value ? value : undefined;
}

function utcDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(utcDay(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function shiftMonth(month: string, months: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const shifted = new Date(Date.UTC(year, index - 1 + months, 1));
  return shifted.toISOString().slice(0, 7);
}

export function daysInMonth(month: string): number {
  return (utcDay(`${shiftMonth(month, 1)}-01`) - utcDay(`${month}-01`)) / DAY_MS;
}

export function lastDateOf(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in `zone`. */
export function dateInZone(instant: Date, zone: string): string {
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (dateFormats.size < 500) dateFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The month as weeks of seven cells, Monday first: each cell a date of the month, or null for
 * the days of the months either side.
 */
export function monthWeeks(month: string): Array<Array<string | null>> {
  const first = new Date(`${month}-01T00:00:00Z`).getUTCDay();
  const lead = (first + 6) % 7;
  const count = daysInMonth(month);
  const cells: Array<string | null> = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

// ---------------------------------------------------------------------------------------------
// Words

const wordFormats = new Map<string, Intl.DateTimeFormat>();

function wordFormat(locale: Locale, kind: 'month' | 'day' | 'weekday' | 'weekdayShort'): Intl.DateTimeFormat {
  const key = `${locale} ${kind}`;
  let format = wordFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'month'
        ? { month: 'long', year: 'numeric' }
        : kind === 'day'
          ? { weekday: 'long', day: 'numeric', month: 'long' }
          : { weekday: kind === 'weekday' ? 'long' : 'short' };
    format = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', ...options });
    wordFormats.set(key, format);
  }
  return format;
}

/** "March 2025" ("mars 2025"). */
export function formatMonth(month: string, tr: Translator = translator()): string {
  return wordFormat(tr.locale, 'month').format(new Date(`${month}-01T12:00:00Z`));
}

/** "Friday 14 March" (site.js writes the same, in the page's language). */
export function formatDay(date: string, tr: Translator = translator()): string {
  return wordFormat(tr.locale, 'day').format(new Date(`${date}T12:00:00Z`));
}

/** Monday first: [long, short] names of the week's days in the reader's language. */
function weekdays(tr: Translator): Array<[string, string]> {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i, 12));
    const long = wordFormat(tr.locale, 'weekday').format(day);
    // English keeps its three-letter heads ("Mon"); other languages their own abbreviations.
    return [long, tr.locale === 'en' ? long.slice(0, 3) : wordFormat(tr.locale, 'weekdayShort').format(day)];
  });
}

/**
 * A plural message as site.js fills it in: its `one` and `other` forms with `{n}` where the count
 * goes (and `{day}` where a day goes), chosen there by Intl.PluralRules in the page's language.
 */
function pluralForms(tr: Translator, key: MessageKey, values: Record<string, string> = {}): string {
  const form = (n: number) => tr.t(key, { ...values, count: n }).replace(tr.number(n), '{n}');
  return JSON.stringify({ one: form(1), other: form(7) });
}

// ---------------------------------------------------------------------------------------------
// HTML

/** Where a choice of month or day leads without JavaScript. */
export function pickerLink(
  pagePath: string,
  view: Pick<SlotPickerView, 'linkZone'>,
  choice: { month: string; date?: string },
  lang: string | null = null,
): string {
  const query = new URLSearchParams({ month: choice.month });
  if (choice.date) query.set('date', choice.date);
  if (view.linkZone) query.set('tz', view.linkZone);
  if (lang) query.set('lang', lang);
  return `${pagePath}?${query}#${choice.date ? 'times' : 'pick'}`;
}

/**
 * The month: title, previous/next links, and the grid of days, in the page's language (`lang`:
 * the `?lang=` its links keep, none for the school's default).
 */
export function renderSlotPicker(
  view: SlotPickerView,
  pagePath: string,
  tr: Translator = translator(),
  lang: string | null = null,
): string {
  const free = new Map(view.days.map((day) => [day.date, day.slots.length]));
  const link = (choice: { month: string; date?: string }) =>
    escapeHtml(pickerLink(pagePath, view, choice, lang));
  const nav = (month: string | null, rel: 'prev' | 'next') => {
    if (!month) return '<span class="month-nav" aria-hidden="true"></span>';
    const words = tr.html(rel === 'prev' ? 'slots.prevMonth' : 'slots.nextMonth', {
      month: formatMonth(month, tr),
    });
    return `<a class="month-nav" href="${link({ month })}" rel="${rel}" aria-label="${words}"><span aria-hidden="true">${rel === 'prev' ? '‹' : '›'}</span></a>`;
  };
  const head = weekdays(tr)
    .map(([long, short]) => `<th scope="col" abbr="${escapeHtml(long)}">${escapeHtml(short)}</th>`)
    .join('');
  const rows = monthWeeks(view.month).map((week) => {
    const cells = week.map((date) => {
      if (!date) return '<td></td>';
      const count = free.get(date) ?? 0;
      const number = String(Number(date.slice(8)));
      if (count === 0) return `<td data-date="${date}"><span class="day">${number}</span></td>`;
      const current = date === view.date ? ' aria-current="date"' : '';
      const label = tr.html('slots.dayFree', { day: formatDay(date, tr), count });
      return `<td data-date="${date}"><a class="day" href="${link({ month: view.month, date })}" data-date="${date}" aria-label="${label}"${current}>${number}</a></td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const anyFree = view.days.some((day) => day.slots.length > 0);
  const empty = anyFree
    ? ''
    : `<p class="picker-empty">${tr.html('slots.noneInMonth', { month: formatMonth(view.month, tr) })}${
        view.nextMonth
          ? ` <a href="${link({ month: view.nextMonth })}">${tr.html('slots.seeMonth', { month: formatMonth(view.nextMonth, tr) })}</a>.`
          : ''
      }</p>`;
  const data = view.nearby.map((slot) => `[${Date.parse(slot.startTime) / 60_000},${slot.availableSeats}]`);
  // The words site.js writes when it regroups the days (it has no catalogue of its own).
  const words = [
    `data-locale="${escapeHtml(intlLocale(tr.locale))}"`,
    `data-t-day-free="${escapeHtml(pluralForms(tr, 'slots.dayFree', { day: '{day}' }))}"`,
    `data-t-day-status="${escapeHtml(pluralForms(tr, 'slots.dayStatus', { day: '{day}' }))}"`,
    view.showSeats ? `data-t-seats="${escapeHtml(pluralForms(tr, 'booking.seatsLeft'))}"` : '',
    `data-t-on-day="${escapeHtml(tr.t('slots.onDay', { day: '{day}' }))}"`,
  ]
    .filter(Boolean)
    .join(' ');
  return `<div class="slot-picker" id="pick" data-slot-picker data-month="${view.month}" data-duration="${view.duration}"${view.showSeats ? ' data-seats' : ''} data-slots="[${data.join(',')}]" ${words}>
<div class="picker-head">${nav(view.prevMonth, 'prev')}<h3 id="picker-month">${formatMonth(view.month, tr)}</h3>${nav(view.nextMonth, 'next')}</div>
<table class="month-grid" aria-labelledby="picker-month" aria-describedby="picker-hint"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="hint" id="picker-hint">${tr.html('slots.hint', { zone: trustedHtml(`<span data-visitor-zone>${escapeHtml(zoneLabel(view.zone))}</span>`) })}</p>
${empty}<p class="visually-hidden" role="status" data-slot-status></p>
</div>`;
}

/** The chosen day's times, as the booking form's radio buttons (`slot-0`, `slot-1`, …). */
export function renderDayTimes(view: SlotPickerView, checked: string, tr: Translator = translator()): string {
  const day = view.days.find((entry) => entry.date === view.date);
  const slots = day?.slots ?? [];
  const times = new Intl.DateTimeFormat(intlLocale(tr.locale), {
    timeZone: view.zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const items = slots.map((slot, index) => {
    const start = new Date(slot.startTime);
    const end = new Date(slot.endTime);
    const seats = view.showSeats
      ? `<span class="slot-seats">${tr.html('booking.seatsLeft', { count: slot.availableSeats })}</span>`
      : '';
    const isChecked = slot.startTime === checked ? ' checked' : '';
    return `<li><label class="slot"><input type="radio" id="slot-${index}" name="startTime" value="${slot.startTime}" required${isChecked}><span class="slot-text"><time datetime="${slot.startTime}">${times.format(start)}–${times.format(end)}</time>${seats}</span></label></li>`;
  });
  const title = view.date ? formatDay(view.date, tr) : '';
  return `<legend>${tr.html('slots.chooseTime')}<span class="slot-day" data-slot-day>${title ? ` ${tr.html('slots.onDay', { day: title })}` : ''}</span></legend>
<ul class="slots day-times" data-slot-times>${items.join('')}</ul>`;
}

/** After the shared sheet and BOOKING_CSS: the month grid fits 375 px (seven 2.6rem columns). */
export const SLOT_PICKER_CSS = `
.slot-picker{margin:0 0 1.25rem}
.picker-head{display:flex;align-items:center;justify-content:space-between;gap:.5rem;margin:0 0 .25rem}
.picker-head h3{margin:0;text-align:center}
.month-nav{display:inline-flex;align-items:center;justify-content:center;flex:none;width:44px;height:44px;border-radius:50%;font-size:1.5rem;line-height:1;text-decoration:none}
a.month-nav:hover{background:var(--tint)}
.month-grid{width:100%;border-collapse:collapse;table-layout:fixed}
.month-grid th{font-size:.8rem;font-weight:600;color:var(--muted);padding:.25rem 0;text-align:center}
.month-grid td{padding:2px;text-align:center}
.month-grid .day{display:flex;align-items:center;justify-content:center;min-height:2.5rem;border-radius:8px;color:var(--muted)}
.month-grid a.day{background:var(--tint);color:var(--brand-text);font-weight:700;text-decoration:none}
.month-grid a.day:hover{text-decoration:underline}
.month-grid a.day[aria-current]{background:var(--brand);color:var(--brand-ink)}
.month-grid a.day[aria-current]:focus-visible{outline-color:var(--text)}
.slot-picker .hint{margin:.5rem 0 0}
.picker-empty{margin:.75rem 0 0}
.slot-day{font-weight:600}
.day-times{grid-template-columns:repeat(auto-fill,minmax(min(100%,8.5rem),1fr))}
.day-times .slot{padding:.6rem .55rem;gap:.45rem}
.day-times time{white-space:nowrap;font-size:.95rem;font-variant-numeric:tabular-nums}
.day-times:empty{display:none}
`
  .replace(/\n/g, '')
  .trim();
