import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlotWorkshop, type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { createBooking, type E2eServer, startE2eServer } from './support/server.ts';

// "Change time" on the manage page (issue 14, item 5), on a phone: a slot booking's other free
// times as radio buttons in the student's zone, a plain form POST, and the page again with a notice.

let server: E2eServer;
let admin: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
});
afterAll(() => server?.close());

const browser = useBrowser();
const PHONE = 375;

/** A free 1:1 workshop booked by slot on UTC mornings, and its free slots over the next days. */
function slotWorkshop() {
  return createSlotWorkshop(admin, server.baseUrl, {
    title: 'Conversation 1:1 (reschedule)',
    scheduleName: 'UTC mornings (reschedule)',
    hours: { start: '08:00', end: '11:00' },
  });
}

describe('manage page: change time', () => {
  it('moves a slot booking to another free time at 375 px, accessible before and after', async () => {
    const { workshop, slots } = await slotWorkshop();
    expect(slots.length).toBeGreaterThan(1);
    const booked = await createBooking(server.baseUrl, {
      workshopSlug: workshop.slug,
      startTime: slots[0]!.startTime,
      attendee: { name: 'Rita Reis', email: 'rita.reschedule@example.test', timeZone: 'Europe/Lisbon' },
    });

    const a11y = await browser.newPage({ mobile: true, bypassCSP: true });
    await a11y.goto(booked.manageUrl);
    await a11y.getByRole('heading', { name: 'Change time' }).waitFor();
    await expectAccessible(a11y);

    const page = await browser.newPage({ mobile: true });
    await page.goto(booked.manageUrl);
    const group = page.getByRole('group', { name: 'Choose a new time' });
    await group.waitFor();
    await expectNoHorizontalScroll(page, PHONE);
    await screenshot(page, 'manage-reschedule-375');

    // The first offered time (never the booking's own); the form posts and comes back.
    const choice = group.getByRole('radio').first();
    const chosen = await choice.getAttribute('value');
    expect(chosen).not.toBe(booked.booking.startTime);
    await choice.check();
    await Promise.all([
      page.waitForURL(/[?&]moved=1/),
      page.getByRole('button', { name: 'Move my booking' }).click(),
    ]);
    await page
      .getByRole('status')
      .filter({ hasText: /Your booking has moved/ })
      .waitFor();
    expect(await page.locator('dl.details time').first().getAttribute('datetime')).toBe(chosen);
    await expectNoHorizontalScroll(page, PHONE);
    await screenshot(page, 'manage-reschedule-375-moved');

    await a11y.goto(page.url());
    await a11y.getByRole('status').first().waitFor();
    await expectAccessible(a11y);
    await server.waitForMail('rita.reschedule@example.test', 'Booking moved:');
  });
});
