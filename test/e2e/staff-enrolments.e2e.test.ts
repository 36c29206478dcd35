import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { MOBILE_VIEWPORT, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's whole-course enrolment (issue 16): the workshop form's enrolment mode and course
// price, and the workshop's Enrolments tab with a paid enrolment cancelled and refunded.

let server: E2eServer;
let owner: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
});
afterAll(() => server?.close());

const browser = useBrowser();

/** Enrols through the public API; a paid one is paid at the Stripe emulator unless `pay: false`. */
async function enrol(slug: string, name: string, email: string, pay = true) {
  const response = await fetch(`${server.baseUrl}/api/v1/public/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantSlug: DEMO_TENANT,
      workshopSlug: slug,
      attendee: { name, email, timeZone: 'Europe/Lisbon' },
    }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { payment: { checkoutUrl: string } | null };
  if (pay && body.payment) {
    const checkoutId = new URL(body.payment.checkoutUrl).pathname.split('/').pop()!;
    const paid = await server.running.stripeEmulator!.pay(checkoutId);
    expect(paid.deliveries.map((d) => d.status)).toEqual([200]);
  }
  return body;
}

async function openTab(page: Page, workshopId: number, tab: string) {
  await page.goto(`${server.baseUrl}/app/workshops/${workshopId}?tab=${tab}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ hasText: name });
}

describe('staff enrolments', () => {
  it('an owner sets the enrolment mode and course price, sees the enrolments and cancels one with its refund', async () => {
    const created = await createDemoWorkshop(owner, {
      title: 'Course Lab',
      price: 2000,
      currency: 'USD',
      recurrence: { frequency: 'weekly', count: 3 },
      coursePrice: 4500,
    });
    const { slug } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
    await enrol(slug, 'Clara Course', 'clara.course@example.test');
    await enrol(slug, 'Hugo Hold', 'hugo.hold@example.test', false);

    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);

    // The form: mode and course price, saved through workshop.update.
    await openTab(page, created.id, 'details');
    const mode = page.getByLabel('Students can book');
    await mode.waitFor();
    expect(await mode.inputValue()).toBe('both');
    expect(await page.getByLabel('Course price (USD)').inputValue()).toBe('45.00');
    await expectAccessible(page);
    await page.getByLabel('Course price (USD)').fill('4x');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Enter an amount such as 15.00').waitFor();
    await page.getByLabel('Course price (USD)').fill('40');
    await mode.selectOption('course');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const saved = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
    expect([saved.enrolment, saved.coursePrice]).toEqual(['course', 4000]);

    // The Enrolments tab: both enrolments, the paid one and the one awaiting payment.
    await page.getByRole('tab', { name: 'Enrolments' }).click();
    await page.getByText('Students can only enrol in the whole course.').waitFor();
    await row(page, 'Clara Course').getByText('Enrolled').waitFor();
    await row(page, 'Hugo Hold').getByText('Awaiting payment').waitFor();
    await row(page, 'Clara Course').getByText('$45.00').waitFor();
    await row(page, 'Clara Course').getByText('3 of 3').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Cancel the enrolment of Clara Course' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the enrolment of Clara Course?' });
    await dialog.getByLabel('Reason (optional, sent to the student)').fill('The course is moving online.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel enrolment' }).click();
    await page.getByText('Enrolment cancelled', { exact: true }).waitFor();
    await row(page, 'Clara Course').getByText('Cancelled', { exact: true }).waitFor();
    await row(page, 'Clara Course').getByText('$45.00 refunded').waitFor();
    const [mail] = await server.waitForMail('clara.course@example.test', 'Enrolment cancelled:');
    expect(mail!.text).toContain('The course is moving online.');

    // At phone width the table scrolls inside its frame, never the page.
    await page.setViewportSize(MOBILE_VIEWPORT);
    await expectNoHorizontalScroll(page, MOBILE_VIEWPORT.width);
  });

  it('the public page offers the whole course; the enrolment page lists the sessions and cancels them', async () => {
    const created = await createDemoWorkshop(owner, {
      title: 'Public Course',
      recurrence: { frequency: 'weekly', count: 3 },
    });
    const { bookingUrl } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(bookingUrl.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    const whole = page.getByRole('radio', { name: /The whole course/ });
    await whole.waitFor();
    await page.getByText('3 sessions, Free: a seat in every session still to come').waitFor();
    await expectAccessible(page);
    await whole.check();
    await page.getByLabel('Your name').fill('Paula Public');
    await page.getByLabel('E-mail').fill('paula.public@example.test');
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByText("You're enrolled!").waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: '— Booked' }).count()).toBe(3);
    await expectAccessible(page);
    await page.getByLabel('Reason for cancelling (optional)').fill('Another course suits me better.');
    await page.getByRole('button', { name: 'Cancel my enrolment' }).click();
    await page.getByText('Your enrolment is cancelled.').waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: '— Cancelled' }).count()).toBe(3);
    await expectAccessible(page);
  });

  it('a teacher sees the enrolments of their own class only', async () => {
    const teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
    const mine = await createDemoWorkshop(owner, { title: 'Teacher Course', teacherId: teacher.userId });
    const theirs = await createDemoWorkshop(owner, { title: 'Owner Course' });
    const { slug } = await owner.trpc.immersio.workshop.get.query({ workshopId: mine.id });
    await enrol(slug, 'Tina Teacherstudent', 'tina.ts@example.test');

    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await openTab(page, mine.id, 'enrolments');
    await row(page, 'Tina Teacherstudent').getByText('Enrolled').waitFor();
    await row(page, 'Tina Teacherstudent').getByText('Free').waitFor();
    await expectAccessible(page);
    await openTab(page, theirs.id, 'enrolments');
    await page
      .getByText('Only the school’s admins and this workshop’s teacher see its enrolments.')
      .waitFor();
  });
});
