import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectUrlAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { bookFreeDemoSeat, type E2eServer, startE2eServer } from './support/server.ts';

// The booking manage page (the link in the confirmation e-mail), in a real browser: a free seat
// in a demo workshop is booked through the public REST API, then the student opens the link,
// reads the details and cancels. Selectors are roles and labels, so a restyled page still passes.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** The confirmation e-mail carries the same manage link the API answered with. */
async function expectConfirmationWithLink(email: string, manageUrl: string): Promise<void> {
  const [mail] = await server.waitForMail(email, 'Booking confirmed:');
  expect(mail!.text).toContain(manageUrl);
}

/** Waits for `locator` to be shown (the page's default timeout, 15 s), failing if it never is. */
async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

async function cancelThroughPage(
  page: Page,
  booked: Awaited<ReturnType<typeof bookFreeDemoSeat>>,
  attendee: { name: string; email: string },
  reason: string,
) {
  const response = await page.goto(booked.manageUrl);
  expect(response?.status()).toBe(200);

  // The details: title, status, who it is booked for, the price.
  await visible(page.getByRole('heading', { level: 1, name: booked.booking.title }));
  await visible(page.getByRole('heading', { name: /Status: Confirmed/ }));
  await visible(page.getByText(attendee.name));
  await visible(page.getByText(attendee.email));
  await visible(page.getByText(booked.booking.uid));
  await visible(page.getByText('Free', { exact: true }));
  await visible(page.getByRole('heading', { name: /Cancellation policy/ }));

  // Cancel with a reason: a plain form POST, redirected back to the page.
  await page.getByLabel(/Reason for cancelling/).fill(reason);
  await Promise.all([
    page.waitForURL(/[?&]cancelled=1/),
    page.getByRole('button', { name: 'Cancel my booking' }).click(),
  ]);
  await visible(page.getByRole('heading', { name: /Status: Cancelled/ }));
  await visible(page.getByRole('status').filter({ hasText: /Your booking is cancelled/ }));
  await visible(page.getByText(reason));
  // Nothing left to cancel.
  expect(await page.getByRole('button', { name: 'Cancel my booking' }).count()).toBe(0);
}

describe('booking manage page', () => {
  it('shows a free booking and cancels it (desktop)', async () => {
    const attendee = { name: 'Ana Lima', email: 'ana.e2e@example.test' };
    const booked = await bookFreeDemoSeat(server.baseUrl, attendee);
    expect(booked.booking.status).toBe('accepted');
    expect(booked.payment).toBeNull();
    expect(booked.manageUrl.startsWith(`${server.baseUrl}/bookings/`)).toBe(true);
    await expectConfirmationWithLink(attendee.email, booked.manageUrl);

    await expectUrlAccessible(browser, booked.manageUrl);

    const page = await browser.newPage();
    await cancelThroughPage(page, booked, attendee, 'I have a dentist appointment.');
    await screenshot(page, 'manage-cancelled');

    // The cancelled state passes axe too, and the student is told by e-mail.
    await expectUrlAccessible(browser, page.url());
    await server.waitForMail(attendee.email, 'Booking cancelled:');
  });

  it('works at a 375 px wide viewport', async () => {
    const attendee = { name: 'Bruno Costa', email: 'bruno.e2e@example.test' };
    const booked = await bookFreeDemoSeat(server.baseUrl, attendee);

    const a11y = await browser.newPage({ mobile: true, bypassCSP: true });
    await a11y.goto(booked.manageUrl);
    await expectAccessible(a11y);

    const page = await browser.newPage({ mobile: true });
    await page.goto(booked.manageUrl);
    await visible(page.getByRole('heading', { level: 1, name: booked.booking.title }));
    // Nothing wider than the screen: no sideways scrolling on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'manage-375');

    await cancelThroughPage(page, booked, attendee, 'Travelling that week.');
    await screenshot(page, 'manage-375-cancelled');
  });
});
