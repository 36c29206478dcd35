import type { Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { bookFreeDemoSeat, DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';

// "Sign in with Immersio" in a real browser: the demo school is connected to the Immersio
// simulator (dev/immersio-simulator), whose sign-in page plays Immersio. The student starts on a
// workshop page, signs in there, comes back (the state cookie ties the return to this browser) to a
// pre-filled form, and books as an Immersio student.

const ORG = { id: 'org_demo', name: 'Language Academy', apiKey: 'imm_test_demo_key' };
const STUDENT = { id: 'stu_sam', email: 'sam.student@example.test', name: 'Sam Student' };
const TITLE = 'Greek Alphabet and Sounds';
const WORKSHOP_PATH = `/${DEMO_TENANT}/maria-lopez/greek-alphabet-and-sounds`;
const RETURN_PATH = '/api/v1/oauth/immersio/return';

let server: E2eServer;
let admin: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer({ immersio: true });
  const sim = server.immersio!;
  sim.addOrg(ORG);
  const course = sim.addCourse(ORG.id, { name: 'General English' }, { webhook: false });
  sim.enroll(ORG.id, course.id, STUDENT, { webhook: false });
  // The school connects its Immersio organisation, as its admin does in the dashboard.
  admin = await signInDemoAdmin(server.baseUrl);
  const connected = await admin.trpc.immersio.integration.connect.mutate({
    immersioOrgId: ORG.id,
    apiKey: ORG.apiKey,
  });
  expect(connected.success).toBe(true);
});
afterAll(() => server?.close());

const browser = useBrowser();

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

/** Fails with the answer's status and body when a form POST was not redirected (303). */
async function expectRedirected(response: Response, what: string) {
  if (response.status() === 303) return;
  const body = await response.text().catch(() => '');
  expect.fail(`${what}: POST ${new URL(response.url()).pathname} answered ${response.status()} ${body}`);
}

/** On the workshop page: "Sign in with Immersio" → the simulator's sign-in page → back, signed in. */
async function signInWithImmersio(page: Page) {
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(server.immersio!.authorizeUrl)),
    page.getByRole('link', { name: 'Sign in with Immersio' }).click(),
  ]);
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get('tenant')).toBe(ORG.id);
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}${RETURN_PATH}`);
  // The state cookie (scoped to the return path) ties the way back to this browser.
  const stateCookie = (await page.context().cookies(`${server.baseUrl}${RETURN_PATH}`)).find(
    (c) => c.name === 'ibs.sso_state',
  );
  expect(stateCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await visible(page.getByRole('heading', { name: 'Sign in with Immersio' }));
  await page.getByRole('radio', { name: new RegExp(STUDENT.name) }).check();
  await Promise.all([
    page.waitForURL((url) => url.origin === server.baseUrl && url.pathname === WORKSHOP_PATH),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  await visible(
    page.getByRole('status').filter({
      hasText: `Signed in with Immersio as ${STUDENT.name} (${STUDENT.email}).`,
    }),
  );
  const cookies = await page.context().cookies(`${server.baseUrl}${RETURN_PATH}`);
  expect(cookies.find((c) => c.name === 'ibs.session_token')).toMatchObject({ httpOnly: true });
  expect(cookies.find((c) => c.name === 'ibs.sso_state')).toBeUndefined();
}

describe('Sign in with Immersio', () => {
  it('workshop page → Immersio sign-in → back pre-filled → booked as an Immersio student', async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${server.baseUrl}${WORKSHOP_PATH}`))?.status()).toBe(200);
    await visible(page.getByRole('heading', { level: 1, name: TITLE }));
    expect(await page.getByLabel('Your name').inputValue()).toBe('');

    await signInWithImmersio(page);
    // The form is filled in from the Immersio account; no second sign-in link.
    expect(await page.getByRole('link', { name: 'Sign in with Immersio' }).count()).toBe(0);
    expect(await page.getByLabel('Your name').inputValue()).toBe(STUDENT.name);
    expect(await page.getByLabel('E-mail').inputValue()).toBe(STUDENT.email);

    // The signed-in page passes axe too (a bypassCSP context with the same cookies).
    const a11y = await browser.newPage({ bypassCSP: true });
    await a11y.context().addCookies(await page.context().cookies());
    await a11y.goto(page.url());
    await visible(a11y.getByRole('status').filter({ hasText: 'Signed in with Immersio as' }));
    await expectAccessible(a11y);

    // Book: the booking carries the session's student id and registrationSource "immersio".
    await page.getByRole('group', { name: 'Choose a session' }).getByRole('radio').first().check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    await expectRedirected(response, 'the signed-in booking form');
    await page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/);
    await visible(page.getByRole('status').filter({ hasText: "You're booked!" }));
    await visible(page.getByText(`${STUDENT.name} (${STUDENT.email})`));
    const uid = new URL(page.url()).pathname.split('/').pop();

    const { workshops } = await admin.trpc.immersio.workshop.list.query({ limit: 100 });
    const workshop = workshops.find((w) => w.title === TITLE)!;
    const { bookings } = await admin.trpc.immersio.workshop.getBookings.query({ workshopId: workshop.id });
    expect(bookings.find((b) => b.uid === uid)).toMatchObject({
      status: 'accepted',
      attendees: [{ email: STUDENT.email, name: STUDENT.name }],
      metadata: { registrationSource: 'immersio', immersioStudentId: STUDENT.id },
    });
    await server.waitForMail(STUDENT.email, 'Booking confirmed:');
  });

  it('a signed-in student can still cancel on the manage page (the session cookie rides along)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}${WORKSHOP_PATH}`);
    await signInWithImmersio(page);

    const booked = await bookFreeDemoSeat(server.baseUrl, {
      name: 'Sam Other',
      email: 'sam.other@example.test',
    });
    await page.goto(booked.manageUrl);
    await visible(page.getByRole('heading', { name: 'Status: Confirmed' }));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Cancel my booking' }).click(),
    ]);
    await expectRedirected(response, 'the manage page cancel form');
    await visible(page.getByRole('heading', { name: 'Status: Cancelled' }));
  });
});
