import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopSessions } from '../../src/db/schema/index.ts';
import { signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { MOBILE_VIEWPORT, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff calendar on the demo school: twenty workshops, each weekly for eight weeks from the
// seed's next day, half of them taught by Jane (a MEMBER), half by Maria (the owner).

const DAY = 86_400_000;
/** A day two weeks ahead: its whole week lies inside the demo's eight weeks of sessions. */
const inTwoWeeks = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

const calendarUrl = (search: string) => `${server.baseUrl}/app/calendar?${search}`;

/** The calendar's days: the ordered list the view renders, named after its range. */
function daysList(page: Page, name: RegExp) {
  return page.getByRole('list', { name });
}

/** The names of the session links on the page (a session shown on two days counts once). */
async function sessionNames(page: Page): Promise<string[]> {
  const links = page.getByRole('main').getByRole('link', { name: /seats taken/ });
  const seen = new Map<string, string>();
  for (const link of await links.all()) {
    seen.set((await link.getAttribute('href')) ?? '', (await link.getAttribute('aria-label')) ?? '');
  }
  return [...seen.values()];
}

describe('staff calendar', () => {
  it('shows the owner a week and a month of the school’s sessions, navigates and filters by teacher', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(calendarUrl(`date=${inTwoWeeks}`));
    await daysList(page, /^Week of /).waitFor();
    await page.getByText('Times in UTC').waitFor();
    const week = await sessionNames(page);
    // Every workshop meets once a week.
    expect(week).toHaveLength(20);
    const english = page.getByRole('link', {
      name: /^Business English, .+, Maria Lopez, \d of 4 seats taken$/,
    });
    await expect(english.count()).resolves.toBe(1);
    await expect(
      daysList(page, /^Week of /)
        .locator(':scope > li')
        .count(),
    ).resolves.toBe(7);
    await screenshot(page, 'staff-calendar-week');
    await expectAccessible(page);

    const title = await page.getByRole('heading', { level: 2 }).textContent();
    await page.getByRole('link', { name: 'Next week' }).click();
    await page.waitForURL((url) => url.searchParams.get('date') !== inTwoWeeks);
    // The URL changes before the new week is drawn: wait for its heading.
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).not.toBe(title);
    await page.getByRole('link', { name: 'Previous week' }).click();
    await page.getByRole('heading', { level: 2, name: title! }).waitFor();
    expect(await sessionNames(page)).toHaveLength(20);

    await page.getByLabel('Teacher').selectOption({ label: 'Jane Smith' });
    await page.waitForURL((url) => url.searchParams.has('teacherId'));
    await page
      .getByRole('link', { name: /Maria Lopez/ })
      .first()
      .waitFor({ state: 'detached' });
    await daysList(page, /^Week of /).waitFor();
    const janes = await sessionNames(page);
    expect(janes).toHaveLength(10);
    for (const name of janes) expect(name).toContain('Jane Smith');

    await page
      .getByRole('navigation', { name: 'Calendar view' })
      .getByRole('link', { name: 'Month' })
      .click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'month');
    expect(new URL(page.url()).searchParams.has('teacherId')).toBe(true);
    await page.getByLabel('Teacher').selectOption({ label: 'All teachers' });
    await page.waitForURL((url) => !url.searchParams.has('teacherId'));
    // The list is replaced while the unfiltered month loads: wait for Maria's sessions to be back.
    await page
      .getByRole('main')
      .getByRole('link', { name: /Maria Lopez/ })
      .first()
      .waitFor();
    const monthList = daysList(page, /^\w+ \d{4}$/);
    await expect
      .poll(() => monthList.locator(':scope > li').count())
      .toSatisfy((days: number) => days === 35 || days === 42);
    await screenshot(page, 'staff-calendar-month');
    await expectAccessible(page);

    const first = page
      .getByRole('main')
      .getByRole('link', { name: /seats taken/ })
      .first();
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/app\/sessions\/\d+$/);
    await first.click();
    await page.waitForURL((url) => url.pathname === href);
  });

  it('marks full and cancelled sessions, in words and on screen', async () => {
    const owner = await signInAs(server.baseUrl, DEMO_OWNER);
    const day = new Date(`${inTwoWeeks}T00:00:00Z`);
    const { sessions } = await owner.trpc.immersio.calendar.sessions.query({
      from: day,
      to: new Date(day.getTime() + DAY),
    });
    const [full, cancelled] = sessions;
    if (!full || !cancelled) throw new Error('the demo should have two sessions on that day');
    await server.database.db
      .update(workshopSessions)
      .set({ bookedSeats: full.seats })
      .where(eq(workshopSessions.id, full.id));
    await server.database.db
      .update(workshopSessions)
      .set({ status: 'cancelled' })
      .where(eq(workshopSessions.id, cancelled.id));

    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(calendarUrl(`date=${inTwoWeeks}`));
    const fullLink = page.getByRole('link', {
      name: new RegExp(
        `^${full.workshop.title}, .+, ${full.teacher.name}, ${full.seats} of ${full.seats} seats taken, Full$`,
      ),
    });
    await fullLink.getByText('Full', { exact: true }).waitFor();
    const cancelledLink = page.getByRole('link', {
      name: new RegExp(`^${cancelled.workshop.title}, .+ seats taken, Cancelled$`),
    });
    await cancelledLink.getByText('Cancelled', { exact: true }).waitFor();
  });

  it('says when a week has no sessions', async () => {
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    const farAway = new Date(Date.now() + 120 * DAY).toISOString().slice(0, 10);
    await page.goto(calendarUrl(`date=${farAway}`));
    await page.getByText('No sessions this week').waitFor();
    await page.getByRole('link', { name: 'Today' }).click();
    await page.waitForURL((url) => !url.searchParams.has('date'));
  });

  it('shows a teacher only the sessions they teach, without the teacher filter', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const jane = await signInAs(server.baseUrl, DEMO_TEACHER);
    // Even a link asking for the owner's sessions shows Jane's own.
    await page.goto(calendarUrl(`date=${inTwoWeeks}&teacherId=${jane.userId + 1000}`));
    await daysList(page, /^Week of /).waitFor();
    await page.getByText('The sessions you teach. Times in America/New_York').waitFor();
    expect(await page.getByLabel('Teacher').count()).toBe(0);
    const names = await sessionNames(page);
    expect(names).toHaveLength(10);
    for (const name of names) expect(name).toContain('Jane Smith');
    await expectAccessible(page);
  });

  it('fits a 375 px screen: the week as a day-by-day list, the month as a list of its busy days', async () => {
    const page = await browser.newPage();
    // Signed in at desktop width (the sign-in helper waits for the main navigation, which a phone
    // keeps behind its menu button), then the phone's width.
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.setViewportSize(MOBILE_VIEWPORT);
    await page.goto(calendarUrl(`date=${inTwoWeeks}`));
    await daysList(page, /^Week of /).waitFor();
    await expectNoHorizontalScroll(page, 375);
    await screenshot(page, 'staff-calendar-week-375');
    await page.goto(calendarUrl(`view=month&date=${inTwoWeeks}`));
    await daysList(page, /^\w+ \d{4}$/).waitFor();
    await expectNoHorizontalScroll(page, 375);
    await screenshot(page, 'staff-calendar-month-375');
  });
});
