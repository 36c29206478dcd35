import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible, expectCurrentStateAccessible, expectUrlAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { createBooking, DEMO_TENANT, type E2eServer, getWorkshop, startE2eServer } from './support/server.ts';

// Booking in the browser, as a student does it: the demo school's landing page → a workshop's
// page (by its link's accessible name) → the booking form → the manage page, for a free class, a
// paid one through the Stripe emulator's test-mode checkout, a whitelisted class, a full session
// and a session that fills up while the form is open; then the free flow again on a phone.

let server: E2eServer;
let admin: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
});
afterAll(() => server?.close());

const browser = useBrowser();

/** The visitor's own zone: not the school's (America/New_York), so rewritten times show. */
const VISITOR_ZONE = 'Asia/Tokyo';
const PHONE = 375;

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

function landingUrl() {
  return `${server.baseUrl}/${DEMO_TENANT}`;
}

/** The first bookable session on the workshop page: checks its radio and returns its start. */
async function chooseFirstOpenSession(page: Page): Promise<string> {
  const radio = page
    .getByRole('group', { name: 'Choose a session' })
    .getByRole('radio', { disabled: false })
    .first();
  await radio.check();
  return (await radio.getAttribute('value'))!;
}

/** Fills the booking form (a page with a full session also has the waitlist's form). */
async function fillAttendee(page: Page, attendee: { name: string; email: string }) {
  const form = page
    .locator('form')
    .filter({ hasNot: page.locator('input[name="intent"][value="waitlist"]') });
  await form.getByLabel('Your name').fill(attendee.name);
  await form.getByLabel('E-mail').fill(attendee.email);
}

/**
 * A class's "View dates and book" link on the landing page. Its accessible name (aria-label) is
 * the visible text followed by ": <title>".
 */
function bookLink(page: Page, title: string) {
  return page.getByRole('link', { name: `View dates and book: ${title}`, exact: true });
}

/** Landing page → the workshop's page, following its "View dates and book" link by name. */
async function openWorkshopFromLanding(page: Page, title: string) {
  const response = await page.goto(landingUrl());
  expect(response?.status()).toBe(200);
  await visible(page.getByRole('heading', { level: 1 }));
  await Promise.all([
    page.waitForURL((url) => url.pathname !== `/${DEMO_TENANT}`),
    bookLink(page, title).click(),
  ]);
  await visible(page.getByRole('heading', { level: 1, name: title }));
}

/** The demo workshop with this title: its public detail (slug, schedule, seats). */
async function demoWorkshop(title: string) {
  const { workshops } = await admin.trpc.immersio.workshop.list.query({ limit: 100 });
  const found = workshops.find((w) => w.title === title);
  if (!found) throw new Error(`no demo workshop "${title}"`);
  return { id: found.id, ...(await getWorkshop(server.baseUrl, found.slug)) };
}

async function bookingsOf(workshopId: number) {
  return (await admin.trpc.immersio.workshop.getBookings.query({ workshopId })).bookings;
}

describe('booking a free seat in the browser', () => {
  it('landing → workshop → book → confirmation → calendar → cancel, with axe on every page', async () => {
    const title = 'French for Beginners';
    const attendee = { name: 'Ana Lima', email: 'ana.free@example.test' };
    await expectUrlAccessible(browser, landingUrl(), { timezoneId: VISITOR_ZONE });

    const page = await browser.newPage({ timezoneId: VISITOR_ZONE });
    await openWorkshopFromLanding(page, title);
    const workshopUrl = page.url();
    expect(new URL(workshopUrl).pathname).toBe(`/${DEMO_TENANT}/maria-lopez/french-for-beginners`);
    await expectUrlAccessible(browser, workshopUrl, { timezoneId: VISITOR_ZONE });

    // The page's script put the visitor's zone in the form and rewrote the times in it.
    const zone = page.getByLabel('Your time zone');
    await expect.poll(() => zone.inputValue()).toBe(VISITOR_ZONE);
    await visible(page.getByRole('radio', { name: /\(Asia\/Tokyo\)/ }));
    expect(await page.getByText('(America/New York)').count()).toBe(0);

    const startTime = await chooseFirstOpenSession(page);
    await fillAttendee(page, attendee);
    await Promise.all([
      page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);

    // The manage page: booked, confirmed, in the student's zone.
    await visible(page.getByRole('status').filter({ hasText: "You're booked!" }));
    await visible(page.getByRole('heading', { level: 1, name: title }));
    await visible(page.getByRole('heading', { name: 'Status: Confirmed' }));
    await visible(page.getByText(`${attendee.name} (${attendee.email})`));
    await visible(page.getByText(/\(Asia\/Tokyo\)/));
    const manageUrl = page.url().replace(/&booked=1(#book)?$/, '');
    const uid = new URL(manageUrl).pathname.split('/').pop()!;
    await visible(page.getByText(uid));

    // The confirmation e-mail carries the same manage link.
    const [mail] = await server.waitForMail(attendee.email, 'Booking confirmed:');
    expect(mail!.text).toContain(manageUrl);

    // "Add to calendar" downloads the booking as an iCalendar file.
    const calendarLink = page.getByRole('link', { name: 'Add to calendar' });
    const [download] = await Promise.all([page.waitForEvent('download'), calendarLink.click()]);
    expect(download.suggestedFilename()).toBe('french-for-beginners.ics');
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:${uid}@127.0.0.1`);
    expect(ics).toContain('SUMMARY:French for Beginners');
    expect(ics).toContain(`DTSTART:${startTime.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    const calendar = await fetch(new URL((await calendarLink.getAttribute('href'))!, manageUrl));
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);

    await expectUrlAccessible(browser, page.url(), { timezoneId: VISITOR_ZONE });

    // Cancel with a reason.
    const reason = 'I have a dentist appointment.';
    await page.getByLabel(/Reason for cancelling/).fill(reason);
    await Promise.all([
      page.waitForURL(/[?&]cancelled=1/),
      page.getByRole('button', { name: 'Cancel my booking' }).click(),
    ]);
    await visible(page.getByRole('heading', { name: 'Status: Cancelled' }));
    await visible(page.getByRole('status').filter({ hasText: 'Your booking is cancelled.' }));
    await visible(page.getByText(reason));
    expect(await page.getByRole('link', { name: 'Add to calendar' }).count()).toBe(0);
    await expectUrlAccessible(browser, page.url(), { timezoneId: VISITOR_ZONE });
    await server.waitForMail(attendee.email, 'Booking cancelled:');
  });
});

describe('booking a paid seat through the emulator checkout', () => {
  const title = 'Conversational Spanish';

  async function startCheckout(page: Page, attendee: { name: string; email: string }) {
    await openWorkshopFromLanding(page, title);
    await chooseFirstOpenSession(page);
    await fillAttendee(page, attendee);
    await visible(page.getByText(/Test mode:/));
    await Promise.all([
      page.waitForURL(/\/checkout\/cs_test_/),
      page.getByRole('button', { name: 'Continue to payment' }).click(),
    ]);
    await visible(page.getByText(/Test mode — no real money moves/));
  }

  it('Pay → back on the manage page, confirmed and paid', async () => {
    const attendee = { name: 'Pia Paid', email: 'pia.paid@example.test' };
    const page = await browser.newPage();
    await startCheckout(page, attendee);
    await Promise.all([
      page.waitForURL(
        (url) => url.origin === server.baseUrl && url.searchParams.get('checkout') === 'success',
      ),
      page.getByRole('button', { name: /^Pay / }).click(),
    ]);
    // Stripe's webhook confirms the booking (asynchronously): "Check again" until it has.
    const confirmed = page.getByRole('heading', { name: 'Status: Confirmed' });
    await expect
      .poll(
        async () => {
          if (await confirmed.count()) return true;
          await page.reload();
          return false;
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe(true);
    await visible(page.getByRole('status').filter({ hasText: 'Payment received' }));
    await visible(page.getByText('$12.00 — paid'));
    await server.waitForMail(attendee.email, 'Booking confirmed:');
    await expectUrlAccessible(browser, page.url());

    const workshop = await demoWorkshop(title);
    const booking = (await bookingsOf(workshop.id)).find((b) => b.attendees[0]?.email === attendee.email);
    expect(booking).toMatchObject({ status: 'accepted', paid: true });
  });

  it('Cancel on the checkout page → back, "Payment cancelled"', async () => {
    const attendee = { name: 'Carl Cancel', email: 'carl.cancel@example.test' };
    const page = await browser.newPage();
    await startCheckout(page, attendee);
    await Promise.all([
      page.waitForURL(
        (url) => url.origin === server.baseUrl && url.searchParams.get('checkout') === 'cancelled',
      ),
      page.getByRole('button', { name: 'Cancel', exact: true }).click(),
    ]);
    await visible(page.getByRole('heading', { level: 1, name: title }));
    // The student is told the payment was cancelled (not that time ran out) and not charged.
    // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, line by line, reads well in a failure
    const main = await page.getByRole('main').innerText();
    expect(main, 'the manage page after "Cancel" on the checkout page').toContain('Payment cancelled.');
    expect(main).toContain('You have not been charged');
    await visible(page.getByRole('status').filter({ hasText: 'Payment cancelled.' }));
    await expectUrlAccessible(browser, page.url());
  });
});

describe('refusals', () => {
  it('a whitelisted class refuses an e-mail that is not on its list, and books one that is', async () => {
    const created = await createDemoWorkshop(admin, {
      title: 'Enrolled Students Seminar',
      whitelistEnabled: true,
      whitelistEmails: ['enrolled@example.test'],
    });
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(403)] });
    await page.goto(created.bookingUrl);
    await visible(page.getByText('This class is only open to students enrolled with Language Academy.'));
    await expectUrlAccessible(browser, created.bookingUrl);

    await chooseFirstOpenSession(page);
    await fillAttendee(page, { name: 'Olga Outsider', email: 'outsider@example.test' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    expect(response.status()).toBe(403);
    const alert = page.getByRole('alert').filter({ hasText: 'only open to enrolled students' });
    await visible(alert);
    expect(await alert.textContent()).toContain(
      'This class is only open to enrolled students of Language Academy.',
    );
    // What was typed is kept; nothing was booked.
    expect(await page.getByLabel('E-mail').inputValue()).toBe('outsider@example.test');
    expect(new URL(page.url()).pathname).toBe(new URL(created.bookingUrl).pathname);
    expect(await bookingsOf(created.id)).toEqual([]);
    await expectCurrentStateAccessible(browser, page);

    // The listed address books.
    await page.getByLabel('E-mail').fill('enrolled@example.test');
    await Promise.all([
      page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    await visible(page.getByRole('heading', { name: 'Status: Confirmed' }));
    expect(await bookingsOf(created.id)).toHaveLength(1);
  });

  it('a full session is shown "Fully booked"; one that fills up while the form is open is refused', async () => {
    const created = await createDemoWorkshop(admin, { title: 'One Seat Tutorial', seats: 1 });
    const detail = await getWorkshop(server.baseUrl, created.slug);
    expect(detail.schedule).toHaveLength(2);
    const [first, second] = detail.schedule as [(typeof detail.schedule)[0], (typeof detail.schedule)[0]];
    await createBooking(server.baseUrl, {
      workshopSlug: created.slug,
      startTime: first.startTime,
      attendee: { name: 'Early Bird', email: 'early@example.test', timeZone: 'America/New_York' },
    });

    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(409)] });
    await page.goto(created.bookingUrl);
    // Each session's radio is named by its label: the time and the seats left.
    const radios = page.getByRole('group', { name: 'Choose a session' }).getByRole('radio');
    await expect.poll(() => radios.count()).toBe(2);
    const full = page.getByRole('radio', { name: /Fully booked/ });
    expect(await full.getAttribute('value')).toBe(first.startTime);
    expect(await full.isDisabled()).toBe(true);
    const last = page.getByRole('radio', { name: /Only 1 seat left/ });
    expect(await last.getAttribute('value')).toBe(second.startTime);
    await expectUrlAccessible(browser, created.bookingUrl);

    // The student picks the last seat, but someone else books it first.
    await last.check();
    await fillAttendee(page, { name: 'Late Larry', email: 'late@example.test' });
    await createBooking(server.baseUrl, {
      workshopSlug: created.slug,
      startTime: second.startTime,
      attendee: { name: 'Quick Quinn', email: 'quick@example.test', timeZone: 'America/New_York' },
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    expect(response.status()).toBe(409);
    await visible(
      page
        .getByRole('alert')
        .filter({ hasText: 'That session has just filled up. Please choose another session.' }),
    );
    await visible(page.getByText('Every upcoming session is fully booked.'));
    await expectCurrentStateAccessible(browser, page);
    expect((await bookingsOf(created.id)).map((b) => b.attendees[0]?.email).sort()).toEqual([
      'early@example.test',
      'quick@example.test',
    ]);
  });
});

describe('not found', () => {
  it('an unknown school or class is the 404 page, which passes axe', async () => {
    for (const path of ['/no-such-school', `/${DEMO_TENANT}/maria-lopez/no-such-class`]) {
      const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(404)] });
      expect((await page.goto(`${server.baseUrl}${path}`))?.status()).toBe(404);
      await visible(page.getByRole('heading', { level: 1 }));
      await expectAccessible(page);
    }
  });
});

describe('on a 375 px wide phone', () => {
  it('books a free seat with no sideways scrolling on any page, axe on each', async () => {
    const title = 'Korean Reading Club';
    const phone = { mobile: true, timezoneId: VISITOR_ZONE } as const;
    const page = await browser.newPage(phone);

    expect((await page.goto(landingUrl()))?.status()).toBe(200);
    await visible(page.getByRole('heading', { level: 1 }));
    await expectNoHorizontalScroll(page, PHONE);
    await screenshot(page, 'landing-375');
    await expectUrlAccessible(browser, landingUrl(), phone);

    await Promise.all([
      page.waitForURL((url) => url.pathname !== `/${DEMO_TENANT}`),
      bookLink(page, title).click(),
    ]);
    await visible(page.getByRole('heading', { level: 1, name: title }));
    await expect.poll(() => page.getByLabel('Your time zone').inputValue()).toBe(VISITOR_ZONE);
    await expectNoHorizontalScroll(page, PHONE);
    await screenshot(page, 'workshop-375');
    await expectUrlAccessible(browser, page.url(), phone);

    await chooseFirstOpenSession(page);
    await fillAttendee(page, { name: 'Mia Mobile', email: 'mia.mobile@example.test' });
    await Promise.all([
      page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    await visible(page.getByRole('status').filter({ hasText: "You're booked!" }));
    await visible(page.getByRole('heading', { name: 'Status: Confirmed' }));
    await expectNoHorizontalScroll(page, PHONE);
    await screenshot(page, 'confirmation-375');
    await expectUrlAccessible(browser, page.url(), phone);
  });
});
