import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import { book, createWorkshop, DAY } from '../support/bookings.ts';

// The workshop page of a slot-booked workshop (issue 14, item 5): a month of days with free times
// as links, the chosen day's times in the visitor's zone as the booking form's choices, all by
// links and query parameters (no JavaScript needed); booking a time with the plain form.

const app = useTestApp();

let t: TenantFixture;
let scheduleId: number;
/** A date in next month the teacher has off (a date override with no hours). */
let dayOff: string;

const EVERY_MORNING = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    [{ start: '09:00', end: '12:00' }],
  ]),
);

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (date: string) => date.slice(0, 7);
function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1 + by, 1)).toISOString().slice(0, 7);
}
function datesOf(month: string): string[] {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`).toISOString();

const thisMonth = () => monthOf(isoDate(Date.now()));
const nextMonth = () => shiftMonth(thisMonth(), 1);

beforeAll(async () => {
  t = await createTenant(app, { name: 'Tutor House' });
  dayOff = `${nextMonth()}-15`;
  const schedule = await t.owner.client.immersio.availability.create.mutate({
    teacherId: t.owner.id,
    name: 'Mornings (UTC)',
    timeZone: 'UTC',
    weeklyHours: EVERY_MORNING as never,
    overrides: [{ date: dayOff, ranges: [] }],
  });
  scheduleId = schedule.id;
});

/** A 1:1 slot-booked workshop on the UTC mornings (09:00, 10:00, 11:00), booked 90 days ahead. */
function tutoring(overrides: Record<string, unknown> = {}) {
  return createWorkshop(t, {
    title: `Tutoring ${Math.random().toString(36).slice(2, 7)}`,
    duration: 60,
    seats: 1,
    workshopType: 'tutoring',
    scheduleId,
    bookingHorizonDays: 90,
    startTime: undefined,
    timeZone: undefined,
    recurrence: undefined,
    ...overrides,
  });
}

const pagePath = (w: { slug: string }) => `/${t.slug}/owner/${w.slug}`;

async function page(path: string) {
  const response = await fetch(`${app.baseUrl}${path}`, { redirect: 'manual' });
  return { status: response.status, response, html: await response.text() };
}

/** The dates the month grid links, and the dates it shows as plain (disabled) days. */
function grid(html: string) {
  const linked = [...html.matchAll(/<td data-date="([\d-]+)"><a class="day"/g)].map((m) => m[1]);
  const plain = [...html.matchAll(/<td data-date="([\d-]+)"><span class="day"/g)].map((m) => m[1]);
  return { linked, plain };
}

/** The form's choices: `[value, text]` per radio. */
function times(html: string) {
  return [
    ...html.matchAll(
      /<input type="radio" id="slot-\d+" name="startTime" value="([^"]+)"[^>]*><span class="slot-text"><time datetime="[^"]+">([^<]+)<\/time>/g,
    ),
  ].map((m) => [m[1], m[2]]);
}

const submit = (path: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

describe('the workshop page of a slot-booked workshop', () => {
  it('lists the month’s days with free times as links, the others plain, and a day’s times in the schedule’s zone', async () => {
    const w = await tutoring();
    const month = nextMonth();
    const { status, response, html } = await page(`${pagePath(w)}?month=${month}`);
    expect(status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=10');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
      expect(tag).toMatch(/src="\/assets\/site\.[0-9a-f]+\.js"|type="application\/ld\+json"/);
    }
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/i);

    expect(html).toContain('data-slot-picker');
    expect(html).toContain(
      `<h3 id="picker-month">${new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`))}</h3>`,
    );
    expect(html).toContain('<table class="month-grid" aria-labelledby="picker-month"');
    const { linked, plain } = grid(html);
    // Every morning is free, except the teacher's day off; the horizon is 90 days away.
    expect(linked).toEqual(datesOf(month).filter((date) => date !== dayOff));
    expect(plain).toEqual([dayOff]);
    expect(html).not.toMatch(new RegExp(`<a [^>]*date=${dayOff}`));

    // No day asked for: the month's first free day is chosen, its times in the schedule's zone.
    const first = linked[0]!;
    expect(html).toMatch(
      new RegExp(`data-date="${first}" aria-label="[^"]+, 3 times free" aria-current="date">`),
    );
    expect(html).toContain('Choose a time<span class="slot-day" data-slot-day> on ');
    expect(times(html)).toEqual([
      [at(first, '09:00'), '09:00–10:00'],
      [at(first, '10:00'), '10:00–11:00'],
      [at(first, '11:00'), '11:00–12:00'],
    ]);
    expect(html).toContain('times are in <span data-visitor-zone>UTC</span>');
    // One seat per slot: no seat counts.
    expect(html).not.toContain('seats left');
    // Day links keep the month and go to the times.
    expect(html).toContain(`href="${pagePath(w)}?month=${month}&amp;date=${linked[1]}#times"`);
    // Months: back to this one, on to the next.
    expect(html).toContain(`href="${pagePath(w)}?month=${thisMonth()}#pick" rel="prev"`);
    expect(html).toContain(`href="${pagePath(w)}?month=${shiftMonth(month, 1)}#pick" rel="next"`);
    // The usual form follows.
    expect(html).toContain('<label for="name">Your name</label>');
    expect(html).toContain('Book now');
  });

  it('?date= shows that day’s times in the ?tz= zone, and every link keeps the zone', async () => {
    const w = await tutoring();
    const month = nextMonth();
    const date = `${month}-10`;
    const { status, html } = await page(`${pagePath(w)}?month=${month}&date=${date}&tz=Asia/Tokyo`);
    expect(status).toBe(200);
    // Tokyo is UTC+9: the UTC mornings are the same date's evenings there.
    expect(times(html)).toEqual([
      [at(date, '09:00'), '18:00–19:00'],
      [at(date, '10:00'), '19:00–20:00'],
      [at(date, '11:00'), '20:00–21:00'],
    ]);
    expect(html).toMatch(new RegExp(`data-date="${date}" aria-label="[^"]+" aria-current="date">10</a>`));
    expect(html.match(/aria-current="date"/g)).toHaveLength(1);
    expect(html).toContain('times are in <span data-visitor-zone>Asia/Tokyo</span>');
    expect(html).toContain('<option value="Asia/Tokyo" selected>');
    expect(html).toContain(
      `href="${pagePath(w)}?month=${month}&amp;date=${month}-11&amp;tz=Asia%2FTokyo#times"`,
    );
    // The "Show times in" form stays on the month and day.
    expect(html).toContain(
      `<input type="hidden" name="month" value="${month}"><input type="hidden" name="date" value="${date}">`,
    );

    // In Los Angeles (UTC-7 or -8) the same mornings are the small hours of the same date.
    const la = await page(`${pagePath(w)}?date=${date}&tz=America/Los_Angeles`);
    expect(times(la.html).map(([value]) => value)).toEqual([
      at(date, '09:00'),
      at(date, '10:00'),
      at(date, '11:00'),
    ]);
    expect(times(la.html)[0]![1]).toMatch(/^0[12]:00–0[23]:00$/);
  });

  it('a taken time is not offered; the plain form books a free one and refuses a taken one', async () => {
    const w = await tutoring();
    const date = `${nextMonth()}-12`;
    const taken = await book(app, {
      tenantSlug: t.slug,
      workshopSlug: w.slug,
      startTime: at(date, '10:00'),
      attendee: { name: 'First Student', email: 'first@example.test', timeZone: 'UTC' },
    });
    expect(taken.status).toBe(201);

    const { html } = await page(`${pagePath(w)}?date=${date}`);
    expect(times(html).map(([value]) => value)).toEqual([at(date, '09:00'), at(date, '11:00')]);
    expect(html).toMatch(new RegExp(`data-date="${date}" aria-label="[^"]+, 2 times free"`));

    const fields = { name: 'Ana Student', email: 'ana@example.test', timeZone: 'Europe/Lisbon' };
    const refused = await submit(pagePath(w), { ...fields, startTime: at(date, '10:00') });
    expect(refused.status).toBe(409);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('That time has just been taken. Please choose another time.');
    // Back on that day (in the form's zone), with what was typed, the taken time not offered.
    expect(times(refusedHtml).map(([value]) => value)).toEqual([at(date, '09:00'), at(date, '11:00')]);
    expect(refusedHtml).toContain('value="ana@example.test"');

    const missing = await submit(pagePath(w), { ...fields, startTime: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<a href="#slot-0">Please choose a time.</a>');

    const booked = await submit(pagePath(w), { ...fields, startTime: at(date, '11:00') });
    expect(booked.status).toBe(303);
    expect(booked.headers.get('location')).toMatch(/\/bookings\/[^/?]+\?token=[^&]+&booked=1$/);
    const after = await page(`${pagePath(w)}?date=${date}`);
    expect(times(after.html).map(([value]) => value)).toEqual([at(date, '09:00')]);
  });

  it('never shows or links a month before the current one, and stops at the booking horizon', async () => {
    const w = await tutoring({ bookingHorizonDays: 20 });
    const current = thisMonth();
    const today = isoDate(Date.now());

    // An earlier month is the current month, with no link back.
    const past = await page(`${pagePath(w)}?month=${shiftMonth(current, -1)}`);
    expect(past.status).toBe(200);
    expect(past.html).toContain(`data-month="${current}"`);
    expect(past.html).not.toContain('rel="prev"');
    expect(past.html).not.toContain(`month=${shiftMonth(current, -1)}`);
    // Days before today are plain days, never links.
    const { linked, plain } = grid(past.html);
    for (const date of datesOf(current).filter((d) => d < today)) {
      expect(plain).toContain(date);
      expect(linked).not.toContain(date);
    }

    // The last month the horizon reaches has no next link; the one after has no free day.
    const lastMonth = monthOf(isoDate(Date.now() + 20 * DAY));
    const last = await page(`${pagePath(w)}?month=${lastMonth}`);
    expect(last.html).toContain(`data-month="${lastMonth}"`);
    expect(last.html).not.toContain('rel="next"');
    const beyond = await page(`${pagePath(w)}?month=${shiftMonth(lastMonth, 1)}`);
    expect(beyond.status).toBe(200);
    expect(grid(beyond.html).linked).toEqual([]);
    expect(beyond.html).toContain('No free times in');
    expect(beyond.html).not.toContain('name="startTime"');
    expect(beyond.html).toContain('rel="prev"');
  });

  it('a fixed-schedule workshop keeps its session list, with no month', async () => {
    // In the afternoon: the teacher's mornings stay free for the tests above.
    const startTime = new Date(`${isoDate(Date.now() + 40 * DAY)}T15:00:00Z`);
    const fixed = await createWorkshop(t, { title: 'Fixed Spanish', startTime });
    const { status, html } = await page(`${pagePath(fixed)}?month=${nextMonth()}`);
    expect(status).toBe(200);
    expect(html).not.toContain('data-slot-picker');
    expect(html).toContain('<legend>Choose a session</legend>');
    expect(html).toContain(`value="${fixed.sessions[0]!.startTime.toISOString()}" required`);
  });
});
