import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './support/admin.ts';
import { useBrowser } from './support/browser.ts';
import { dateBeforeNextDstChange } from './support/dates.ts';
import { createBooking, type E2eServer, startE2eServer } from './support/server.ts';

// Issue 11's whole journey, as a new school lives it: sign up → the checklist → a paid weekly
// workshop whose preview crosses a daylight-saving change → its public page → a student books and
// pays through the public API → the booking shows up in the open roster without a reload → the
// session is cancelled with its refund listed first → the overview's figures and charts change.

const ZONE = 'America/New_York';

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** The value of an overview tile (its <dt> label, its <dd> figure). */
async function tile(page: Page, label: string): Promise<string> {
  const term = page.locator('dt').filter({ hasText: new RegExp(`^${label}$`) });
  return (await term.locator('xpath=following-sibling::dd[1]').first().textContent())?.trim() ?? '';
}

describe('a new school, start to finish', () => {
  it('signs up, plans a paid class across a DST change, takes a paid booking, cancels with a refund', async () => {
    const id = randomBytes(3).toString('hex');
    const school = { name: `Escola Journey ${id}`, slug: `escola-journey-${id}` };
    const owner = { name: 'Beatriz Lima', email: `beatriz-${id}@example.test`, password: `beatriz-${id}-pw` };
    // The browser is in New York, so the owner's (and the class's) zone is New York's.
    const page = await browser.newPage({ timezoneId: ZONE });

    // Sign up from the home page; the overview greets the school with its checklist.
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: 'Create your school' }).click();
    await page.getByLabel('School name').fill(school.name);
    await page.getByLabel('Address').fill(school.slug);
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: /Create/ }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.getByText('0 of 4 done').waitFor();
    expect(await tile(page, 'Bookings')).toBe('0');

    // Stripe onboarding is part 2's screen: the account is connected through the API here.
    const api = await signInAs(server.baseUrl, owner);
    await api.trpc.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: `acct_${randomBytes(8).toString('hex')}`,
      stripePublishableKey: 'pk_test_emulator0123',
    });

    // The first class, from the checklist: weekly at 18:00 across the clocks' change.
    await page.getByRole('link', { name: 'Create a class' }).first().click();
    await page.getByRole('heading', { name: 'New workshop' }).waitFor();
    const title = `Conversa ${id}`;
    const { startDate } = dateBeforeNextDstChange(ZONE);
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Location 1 meeting link').fill('https://zoom.us/j/5550002');
    await page.getByLabel('Price', { exact: true }).fill('25.00');
    await page.getByLabel('Seats').fill('6');
    await page.getByLabel('First session date').fill(startDate);
    await page.getByLabel('Start time').fill('18:00');
    await page.getByLabel('Repeat').selectOption('weekly');
    await page.getByLabel('Number of sessions').fill('6');
    const dates = page.getByRole('region', { name: 'Session dates' });
    await dates.getByText('clocks change').waitFor();
    const offsets = (await dates.locator('tbody tr td:nth-child(4)').allTextContents()).map((t) =>
      t.replace('clocks change', '').trim(),
    );
    expect(new Set(offsets).size).toBe(2);
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.waitForURL((url) => /^\/app\/workshops\/\d+$/.test(url.pathname));
    const workshopId = Number(new URL(page.url()).pathname.split('/').pop());
    const workshop = await api.trpc.immersio.workshop.get.query({ workshopId });
    expect(workshop.sessions).toHaveLength(6);

    // Its public page lists it, with the price.
    const publicPage = await fetch(workshop.bookingUrl);
    expect(publicPage.status).toBe(200);
    const html = await publicPage.text();
    expect(html).toContain(title);
    expect(html).toContain('$25.00');

    // The first session's roster is open when a student books and pays.
    const first = workshop.sessions[0]!;
    await page.goto(`${server.baseUrl}/app/sessions/${first.id}`);
    await page.getByText('No bookings yet').waitFor();
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const booked = await createBooking(server.baseUrl, {
      tenantSlug: school.slug,
      workshopSlug: workshop.slug,
      startTime: first.startTime.toISOString(),
      attendee: { name: 'Carla Student', email: `carla-${id}@example.test`, timeZone: 'Europe/Lisbon' },
    });
    const checkoutId = new URL(booked.payment!.checkoutUrl).pathname.split('/').pop()!;
    await server.running.stripeEmulator!.pay(checkoutId);
    const row = page
      .getByRole('region', { name: 'Roster' })
      .getByRole('row')
      .filter({ hasText: 'Carla Student' });
    await row.getByText('$25.00 paid').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    // Cancel the session: the dialog says who gets what back before anything happens.
    await page.getByRole('button', { name: 'Cancel session…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('region', { name: 'Refunds' })
      .getByRole('row')
      .filter({ hasText: 'Carla Student' })
      .getByText('$25.00')
      .waitFor();
    await dialog.getByLabel('Reason').fill('The teacher moved the class.');
    await dialog.getByRole('button', { name: 'Cancel session' }).click();
    await row.getByText('$25.00 refunded').waitFor();
    await server.waitForMail(`carla-${id}@example.test`, 'Booking cancelled:');

    // The overview counts it: one booking, cancelled, and the chart's table has its day.
    await page.goto(`${server.baseUrl}/app/?period=month`);
    await expect.poll(() => tile(page, 'Bookings')).toBe('1');
    expect(await tile(page, 'Cancelled')).toBe('1');
    const bookingsChart = page
      .getByRole('figure')
      .filter({ hasText: /Bookings per day/i })
      .first();
    await bookingsChart.locator('table').first().waitFor({ state: 'attached' });
    const counts = await bookingsChart.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
