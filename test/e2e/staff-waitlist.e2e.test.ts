import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, MOBILE_VIEWPORT, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { createBooking, DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// The staff app's waitlist (issue 16): a full session's line under its roster, reordered by
// hand, a seat offered automatically when one frees up, "Offer now" refused while none is free,
// taking a student off the line; and the workshop form's waitlist settings.

let server: E2eServer;
let owner: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
});
afterAll(() => server?.close());

const browser = useBrowser();

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

/** A one-session class with every seat booked and `waiting` students in line, in that order. */
async function fullClass(title: string, seats: number, waiting: string[]) {
  const created = await createDemoWorkshop(owner, { title, seats, recurrence: { frequency: 'none' } });
  const { sessions, slug } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
  const session = sessions[0]!;
  const request = (name: string) => ({
    tenantSlug: DEMO_TENANT,
    workshopSlug: slug,
    startTime: session.startTime.toISOString(),
    attendee: {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
      timeZone: 'Europe/Lisbon',
    },
  });
  const seated = [];
  for (let i = 0; i < seats; i++)
    seated.push(await createBooking(server.baseUrl, request(`Seated ${title} ${i}`)));
  for (const name of waiting) {
    const response = await fetch(`${server.baseUrl}/api/v1/public/waitlist`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request(name)),
    });
    expect(response.status).toBe(201);
  }
  return { id: created.id, session, seated };
}

function line(page: Page) {
  return page.getByRole('region', { name: 'Waitlist entries' });
}

function entryRow(page: Page, name: string) {
  return line(page).getByRole('row').filter({ hasText: name });
}

/** The students' names in the order the line shows them. */
async function order(page: Page) {
  const rows = line(page).getByRole('row');
  const names: string[] = [];
  for (let i = 1; i < (await rows.count()); i++)
    names.push(((await rows.nth(i).getByRole('cell').nth(1).textContent()) ?? '').trim());
  return names;
}

describe('staff waitlist', () => {
  it('shows the line, reorders it, offers a freed seat by itself and takes a student off', async () => {
    const w = await fullClass('Waitlist Lab', 1, ['Ada Line', 'Ben Line', 'Cleo Line']);
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(409)] });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/sessions/${w.session.id}`);
    await visible(page.getByRole('heading', { level: 2, name: 'Waitlist' }));
    await visible(page.getByText('1 of 1 seat taken · 3 on the waitlist'));
    expect(await order(page)).toEqual(['Ada Line', 'Ben Line', 'Cleo Line']);

    await page.getByRole('button', { name: 'Move Cleo Line up' }).click();
    await expect.poll(() => order(page)).toEqual(['Ada Line', 'Cleo Line', 'Ben Line']);
    await page.getByRole('button', { name: 'Move Ada Line down' }).click();
    await expect.poll(() => order(page)).toEqual(['Cleo Line', 'Ada Line', 'Ben Line']);

    // No seat is free: the server refuses, the screen says why.
    await page.getByRole('button', { name: 'Offer a seat to Ben Line now' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'No seat is free in this session' }));

    // The seated student cancels: the first in line is offered the seat by the server.
    const seat = new URL(w.seated[0]!.manageUrl);
    const cancelled = await fetch(
      `${server.baseUrl}/api/v1/public/bookings/${seat.pathname.split('/').pop()}/cancel`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: seat.searchParams.get('token') }),
      },
    );
    expect(cancelled.status).toBe(200);
    await entryRow(page, 'Cleo Line').getByText('Seat offered').waitFor({ timeout: 12_000 });
    await server.waitForMail('cleo.line@example.test', 'A seat is free:');

    await page.getByRole('button', { name: 'Remove Ada Line' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take Ada Line off the waitlist?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Ada Line is off the waitlist' }));
    await expect.poll(() => order(page)).toEqual(['Cleo Line', 'Ben Line']);
  });

  it('the workshop form turns the waitlist off and sets how long a freed seat is held', async () => {
    const created = await createDemoWorkshop(owner, { title: 'Waitlist Settings Lab' });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/workshops/${created.id}`);
    const enabled = page.getByLabel('Offer a waitlist when a session is full');
    await enabled.waitFor();
    expect(await enabled.isChecked()).toBe(true);
    const minutes = page.getByLabel('Hold a freed seat for (minutes)');
    expect(await minutes.inputValue()).toBe('120');
    await minutes.fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    await minutes.fill('90');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(
        async () =>
          (await owner.trpc.immersio.workshop.get.query({ workshopId: created.id })).waitlistOfferMinutes,
      )
      .toBe(90);
    await enabled.uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(
        async () =>
          (await owner.trpc.immersio.workshop.get.query({ workshopId: created.id })).waitlistEnabled,
      )
      .toBe(false);
  });

  it('has no serious accessibility violation on the line and the remove dialog; fits a phone', async () => {
    const w = await fullClass('Accessible Waitlist', 1, ['Dora Access', 'Emil Access']);
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/sessions/${w.session.id}`);
    await visible(entryRow(page, 'Emil Access'));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Remove Emil Access' }).click();
    await visible(page.getByRole('dialog', { name: 'Take Emil Access off the waitlist?' }));
    await expectAccessible(page);

    const phone = await browser.newPage({ mobile: true });
    await signInToApp(phone, server.baseUrl, DEMO_OWNER);
    await phone.goto(`${server.baseUrl}/app/sessions/${w.session.id}`);
    await visible(phone.getByRole('heading', { level: 2, name: 'Waitlist' }));
    await expectNoHorizontalScroll(phone, MOBILE_VIEWPORT.width);
  });
});
