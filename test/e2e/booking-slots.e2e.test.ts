import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectCurrentStateAccessible, expectUrlAccessible } from './support/axe.ts';
import { useBrowser, watchErrors } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';

// Booking a slot-booked workshop in the browser (issue 14, item 5): the month of days with free
// times, a day's times in the visitor's own zone (the page's script regroups the slots it carries,
// so switching days makes no request), the usual form; without JavaScript by links; on a phone.

let server: E2eServer;
let admin: SignedInAdmin;
let scheduleId: number;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
  // Evenings in UTC, every day: the next morning in Tokyo, so the visitor's dates differ.
  const evenings = [{ start: '20:00', end: '23:00' }];
  const schedule = await admin.trpc.immersio.availability.create.mutate({
    teacherId: admin.userId,
    name: 'UTC evenings',
    timeZone: 'UTC',
    weeklyHours: {
      monday: evenings,
      tuesday: evenings,
      wednesday: evenings,
      thursday: evenings,
      friday: evenings,
      saturday: evenings,
      sunday: evenings,
    },
    overrides: [],
  });
  scheduleId = schedule.id;
});
afterAll(() => server?.close());

const browser = useBrowser();

const VISITOR_ZONE = 'Asia/Tokyo';
const PHONE = 375;

/** Next month ('YYYY-MM'): whole, and within the 90 days the workshops below are booked ahead. */
function nextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

/** A free, 1:1 workshop booked by slot on the UTC evenings. */
async function slotWorkshop(title: string) {
  return createDemoWorkshop(admin, {
    title,
    seats: 1,
    workshopType: 'tutoring',
    scheduleId,
    bookingHorizonDays: 90,
    startTime: undefined,
    timeZone: undefined,
    recurrence: undefined,
  });
}

/** What the public slots API answers for the month in `zone`: the dates with free times, and their slots. */
async function freeDays(slug: string, month: string, zone: string) {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, index, 0)).toISOString().slice(0, 10);
  const query = new URLSearchParams({
    tenantSlug: DEMO_TENANT,
    from: `${month}-01`,
    to: last,
    timeZone: zone,
  });
  const response = await fetch(`${server.baseUrl}/api/v1/public/workshops/${slug}/slots?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    days: Array<{ date: string; slots: Array<{ startTime: string; endTime: string }> }>;
  };
  return body.days.filter((day) => day.slots.length > 0);
}

/** The month grid's day links' dates, in order. */
async function linkedDates(page: Page): Promise<string[]> {
  return page
    .locator('table.month-grid a[data-date]')
    .evaluateAll((links) => links.map((link) => (link as HTMLElement).dataset.date!));
}

function timesGroup(page: Page): Locator {
  return page.getByRole('group', { name: /^Choose a time/ });
}

async function radioValues(page: Page): Promise<string[]> {
  return timesGroup(page)
    .getByRole('radio')
    .evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));
}

const hhmm = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

describe('booking a slot with JavaScript', () => {
  it('shows the month in the visitor’s zone, switches days without a request, and books', async () => {
    const created = await slotWorkshop('Slot Tutoring Tokyo');
    const month = nextMonth();
    const expected = await freeDays(created.slug, month, VISITOR_ZONE);
    expect(expected.length).toBeGreaterThan(1);
    const url = `${created.bookingUrl}?month=${month}`;

    const page = await browser.newPage({ timezoneId: VISITOR_ZONE });
    expect((await page.goto(url))?.status()).toBe(200);
    // The script regrouped the month by the visitor's dates, as the API does for Tokyo.
    await expect.poll(() => page.locator('[data-visitor-zone]').first().textContent()).toBe('Asia/Tokyo');
    expect(await linkedDates(page)).toEqual(expected.map((day) => day.date));
    const [first, second] = expected as [(typeof expected)[0], (typeof expected)[0]];
    expect(await page.locator('a[aria-current="date"]').getAttribute('data-date')).toBe(first.date);
    expect(await radioValues(page)).toEqual(first.slots.map((slot) => slot.startTime));
    // Each time reads in Tokyo: 20:00 UTC is 05:00 there.
    await timesGroup(page)
      .getByRole('radio', {
        name: `${hhmm(first.slots[0]!.startTime, VISITOR_ZONE)}–${hhmm(first.slots[0]!.endTime, VISITOR_ZONE)}`,
      })
      .waitFor();
    await expectUrlAccessible(browser, url, { timezoneId: VISITOR_ZONE });

    // Another day: from the slots already in the page, so nothing is fetched.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const secondLink = page.locator(`a[data-date="${second.date}"]`);
    const name = await secondLink.getAttribute('aria-label');
    expect(name).toMatch(/, \d+ times? free$/);
    await page.getByRole('link', { name: name!, exact: true }).click();
    await expect.poll(() => radioValues(page)).toEqual(second.slots.map((slot) => slot.startTime));
    expect(await secondLink.getAttribute('aria-current')).toBe('date');
    // One current day in the month (the language switcher's current language is another list).
    expect(await page.locator('[data-slot-picker] a[aria-current]').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('date')).toBe(second.date);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /times? free\.$/ })
          .count(),
      )
      .toBe(1);
    expect(requests).toEqual([]);
    await expectCurrentStateAccessible(browser, page, { timezoneId: VISITOR_ZONE });

    // The keyboard: arrows move between the days with free times.
    await secondLink.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.date)).toBe(first.date);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.date)).toBe(second.date);

    // "Show times in" another zone regroups the month in place, as the API does for that zone.
    const utc = await freeDays(created.slug, month, 'UTC');
    await page.getByLabel('Show times in').selectOption('UTC');
    await expect.poll(() => linkedDates(page)).toEqual(utc.map((day) => day.date));
    await page.getByLabel('Show times in').selectOption(VISITOR_ZONE);
    await expect.poll(() => linkedDates(page)).toEqual(expected.map((day) => day.date));
    expect(await radioValues(page)).toEqual(second.slots.map((slot) => slot.startTime));
    expect(requests).toEqual([]);

    // Book the day's last time.
    const chosen = second.slots.at(-1)!.startTime;
    await timesGroup(page).locator(`input[value="${chosen}"]`).check();
    await page.getByLabel('Your name').fill('Kenji Tanaka');
    await page.getByLabel('E-mail').fill('kenji.slot@example.test');
    await expect.poll(() => page.getByLabel('Your time zone').inputValue()).toBe(VISITOR_ZONE);
    await Promise.all([
      page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    await page.getByRole('heading', { name: 'Status: Confirmed' }).waitFor();
    const { bookings } = await admin.trpc.immersio.workshop.getBookings.query({ workshopId: created.id });
    expect(bookings).toHaveLength(1);
    expect(new Date(bookings[0]!.startTime).toISOString()).toBe(chosen);

    // The booked time is no longer offered.
    await page.goto(`${created.bookingUrl}?month=${month}&date=${second.date}`);
    await expect
      .poll(() => radioValues(page))
      .toEqual(second.slots.slice(0, -1).map((slot) => slot.startTime));
  });
});

describe('booking a slot without JavaScript', () => {
  it('day links and the zone form lead to the day’s times; the plain form books', async () => {
    const created = await slotWorkshop('Slot Tutoring No Script');
    const month = nextMonth();
    const noScript = await browser.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    const errors = watchErrors(noScript);
    try {
      const page = await noScript.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${created.bookingUrl}?month=${month}`);
      // No script: the schedule's zone (UTC) as the server wrote it.
      expect(await page.locator('[data-visitor-zone]').first().textContent()).toBe('UTC');
      const utc = await freeDays(created.slug, month, 'UTC');
      expect(await linkedDates(page)).toEqual(utc.map((day) => day.date));

      // "Show times in" Tokyo: the same month, by the visitor's dates.
      await page.getByLabel('Show times in').selectOption(VISITOR_ZONE);
      await Promise.all([
        page.waitForURL(/tz=Asia%2FTokyo/),
        page.getByRole('button', { name: 'Show' }).click(),
      ]);
      const tokyo = await freeDays(created.slug, month, VISITOR_ZONE);
      expect(await linkedDates(page)).toEqual(tokyo.map((day) => day.date));

      const day = tokyo[2]!;
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('date') === day.date),
        page.locator(`a[data-date="${day.date}"]`).click(),
      ]);
      expect(new URL(page.url()).searchParams.get('tz')).toBe(VISITOR_ZONE);
      expect(await radioValues(page)).toEqual(day.slots.map((slot) => slot.startTime));
      await timesGroup(page).getByRole('radio').first().check();
      await page.getByLabel('Your name').fill('Nora Noscript');
      await page.getByLabel('E-mail').fill('nora.slot@example.test');
      await Promise.all([
        page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/),
        page.getByRole('button', { name: 'Book now' }).click(),
      ]);
      await page.getByRole('heading', { name: 'Status: Confirmed' }).waitFor();
    } finally {
      await noScript.close();
    }
    expect(errors).toEqual([]);
  });
});

describe('on a 375 px wide phone', () => {
  it('the month, the times and the form fit without sideways scrolling and pass axe', async () => {
    const created = await slotWorkshop('Slot Tutoring Phone');
    const url = `${created.bookingUrl}?month=${nextMonth()}`;
    const phone = { mobile: true, timezoneId: VISITOR_ZONE } as const;
    const page = await browser.newPage(phone);
    expect((await page.goto(url))?.status()).toBe(200);
    await expect.poll(() => page.locator('[data-visitor-zone]').first().textContent()).toBe('Asia/Tokyo');
    await timesGroup(page).getByRole('radio').first().waitFor();
    await expectNoHorizontalScroll(page, PHONE);
    // Two times a row, none cut off or wrapped.
    const labels = await timesGroup(page)
      .locator('label')
      .evaluateAll((all) =>
        all.map((label) => [label.scrollWidth, label.clientWidth, label.getBoundingClientRect().width]),
      );
    for (const [scrollWidth, clientWidth] of labels) expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
    if (labels.length > 1) expect(labels[0]![2]).toBeLessThan(PHONE / 2);
    // Each day of the grid is a comfortable target.
    const box = await page.locator('table.month-grid a.day').first().boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(36);
    expect(box!.height).toBeGreaterThanOrEqual(36);
    await page.locator('#pick').scrollIntoViewIfNeeded();
    await screenshot(page, 'workshop-slots-375');
    await expectUrlAccessible(browser, url, phone);
  });
});
