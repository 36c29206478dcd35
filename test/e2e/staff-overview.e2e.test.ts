import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant } from '../../src/modules/tenants/provisioning.ts';
import { type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { createBooking, type E2eServer, getLanding, getWorkshop, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The overview at /app: the period in the URL, key figures, this week's sessions, charts loaded
// lazily with a table alternative, the onboarding checklist, one batched request for its data,
// a teacher's own numbers and a new school's empty state.

let server: E2eServer;
let owner: SignedInAdmin;
let teacher: SignedInAdmin;

/** Books the next session of a free demo class through the public API, as a student would. */
async function bookDemoClass(title: string, email: string) {
  const offer = (await getLanding(server.baseUrl)).workshops.find((w) => w.title === title);
  if (!offer) throw new Error(`the demo has no class called ${title}`);
  const workshop = await getWorkshop(server.baseUrl, offer.slug);
  await createBooking(server.baseUrl, {
    workshopSlug: workshop.slug,
    startTime: workshop.schedule[0]!.startTime,
    attendee: { name: 'Overview Student', email, timeZone: 'Europe/Berlin' },
  });
}

beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
  teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
  // Maria (the owner) teaches French for Beginners, Jane (the teacher) Korean Reading Club.
  await bookDemoClass('French for Beginners', 'ana@example.test');
  await bookDemoClass('French for Beginners', 'ben@example.test');
  await bookDemoClass('Korean Reading Club', 'cara@example.test');
});
afterAll(() => server?.close());

const browser = useBrowser();
/** signInToApp waits for the navigation, which a phone folds behind "Menu": sign in wide, then narrow. */
const PHONE = { width: 375, height: 812 };

/** The value of a key-figure tile. */
const tile = (page: Page, label: string) =>
  page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

const trendsTable = (page: Page) =>
  page.getByRole('table', { name: /^Bookings per (day|month)$/ }).locator('tbody tr');

describe('staff overview', () => {
  it('owner: one batched request, figures, sessions, lazy charts, checklist; the period lives in the URL', async () => {
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);

    // A fresh load of a linked view: its data comes in one /api/trpc request (viewer.me aside).
    const calls: string[] = [];
    const scripts: string[] = [];
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/trpc/')) calls.push(decodeURIComponent(url.pathname.slice(10)));
      if (url.pathname.endsWith('.js')) scripts.push(url.pathname);
    });
    await page.goto(`${server.baseUrl}/app/?period=week`);
    await page.getByRole('heading', { name: 'Key figures · This week' }).waitFor();
    await tile(page, 'Bookings').waitFor();
    const overviewCalls = calls.filter((path) => path !== 'viewer.me');
    expect(overviewCalls).toEqual(['immersio.tenant.getOverview,immersio.tenant.getStats']);

    // The key figures are getStats'.
    const stats = await owner.trpc.immersio.tenant.getStats.query({ period: 'week' });
    expect(stats.totalBookings).toBeGreaterThanOrEqual(3);
    expect(await tile(page, 'Bookings').textContent()).toBe(String(stats.totalBookings));
    expect(await tile(page, 'Students').textContent()).toBe(String(stats.studentCount));

    // Charts: drawn by their own chunk, loaded after the page's; named figures with a table.
    await page.locator('[data-chart="column"] .recharts-surface').first().waitFor();
    expect(scripts.some((path) => /\/assets\/overview-charts-[\w-]+\.js$/.test(path))).toBe(true);
    await page.getByRole('figure', { name: 'Bookings per day' }).waitFor();
    await page.getByRole('figure', { name: 'Fill rate per workshop' }).waitFor();
    await page.getByRole('figure', { name: 'Top workshops' }).waitFor();
    expect(await trendsTable(page).count()).toBe(7);
    await page
      .getByRole('table', { name: 'Top workshops' })
      .getByText('French for Beginners')
      .first()
      .waitFor();

    // This week's sessions open their roster, with seats taken.
    const sessions = page.getByRole('region', { name: 'This week’s sessions' });
    const overview = await owner.trpc.immersio.tenant.getOverview.query({ period: 'week' });
    const listed = [...overview.upcoming.today, ...overview.upcoming.laterThisWeek];
    expect(await sessions.getByRole('link', { name: /seats taken/ }).count()).toBe(listed.length);
    const first = listed[0];
    if (first) {
      const link = sessions.getByRole('link', { name: new RegExp(first.workshopTitle) }).first();
      expect(await link.getAttribute('href')).toMatch(/^\/app\/sessions\/\d+$/);
      expect(await link.textContent()).toContain(`${first.bookedSeats} of ${first.seats} seats taken`);
    }

    // The demo school has Stripe, classes and a published page; Immersio is still to do.
    const checklist = page.getByRole('region', { name: 'Get your school ready' });
    await checklist.getByText('3 of 4 done').waitFor();
    await checklist.getByText('Connect Immersio (to do)').waitFor();
    await checklist.getByText('Connect Stripe (done)').waitFor();

    // Switching the period changes the URL and the data; a reload keeps it.
    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'This year' }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'year');
    await page.getByRole('figure', { name: 'Bookings per month' }).waitFor();
    expect(await trendsTable(page).count()).toBe(12);
    await page.getByRole('link', { name: 'This month' }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'month');
    await page.getByRole('heading', { name: 'Key figures · This month' }).waitFor();
    await page.getByRole('figure', { name: 'Bookings per day' }).waitFor();
    const month = await owner.trpc.immersio.tenant.getOverview.query({ period: 'month' });
    expect(await trendsTable(page).count()).toBe(month.series.length);
    await page.reload();
    await page.getByRole('heading', { name: 'Key figures · This month' }).waitFor();
    expect(await page.getByRole('link', { name: 'This month' }).getAttribute('aria-current')).toBe('page');
  });

  it('a teacher sees the numbers of the classes they teach, and no checklist', async () => {
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await page.goto(`${server.baseUrl}/app/?period=week`);
    await page.getByText('The figures count only the classes you teach.').waitFor();
    const own = await teacher.trpc.immersio.tenant.getOverview.query({ period: 'week' });
    expect(own.scope).toBe('teacher');
    expect(own.teacherStats?.totalBookings).toBe(1);
    await tile(page, 'Bookings').filter({ hasText: /^1$/ }).waitFor();
    await page
      .getByRole('table', { name: 'Top workshops' })
      .getByText('Korean Reading Club')
      .first()
      .waitFor();
    expect(
      await page.getByRole('table', { name: 'Top workshops' }).getByText('French for Beginners').count(),
    ).toBe(0);
    const listed = [...own.upcoming.today, ...own.upcoming.laterThisWeek];
    const sessions = page.getByRole('region', { name: 'This week’s sessions' });
    expect(await sessions.getByRole('link', { name: /seats taken/ }).count()).toBe(listed.length);
    expect(await page.getByRole('region', { name: 'Get your school ready' }).count()).toBe(0);
    await page.locator('[data-chart] .recharts-surface').first().waitFor();
  });

  it('a new school: empty states and the checklist with its first step linked', async () => {
    const email = 'new-owner@overview.test';
    const password = 'new-owner-password';
    await provisionTenant(server.database.db, {
      name: 'Brand New School',
      slug: 'brand-new-school',
      plan: 'lite',
      owner: { email, name: 'New Owner', password },
    });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, { email, password });
    await page.setViewportSize(PHONE);
    const checklist = page.getByRole('region', { name: 'Get your school ready' });
    await checklist.getByText('0 of 4 done').waitFor();
    await page.getByText('No bookings or sessions this month yet').waitFor();
    await page.getByText('No sessions today.').waitFor();
    await tile(page, 'Bookings').filter({ hasText: /^0$/ }).waitFor();
    await expectNoHorizontalScroll(page, 375);
    await checklist.getByRole('link', { name: 'Create a class' }).click();
    await page.waitForURL((url) => url.pathname === '/app/workshops/new');
  });

  it('has no serious accessibility violation, for the owner and at 375 px', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.locator('[data-chart="column"] .recharts-surface').first().waitFor();
    await expectAccessible(page);

    const phone = await browser.newPage({ bypassCSP: true });
    await signInToApp(phone, server.baseUrl, DEMO_TEACHER);
    await phone.setViewportSize(PHONE);
    await phone.locator('[data-chart] .recharts-surface').first().waitFor();
    await expectNoHorizontalScroll(phone, 375);
    await expectAccessible(phone);
  });
});
