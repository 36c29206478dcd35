import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { useBrowser } from './support/browser.ts';
import { createBooking, DEMO_TENANT, type E2eServer, getWorkshop, startE2eServer } from './support/server.ts';

// Markup in the school's own texts is text: the demo admin puts script and event-handler payloads
// in every landing text field and in a workshop's title and description, publishes, and the
// landing, workshop and manage pages show them literally. Nothing runs: `window.__xss` stays
// unset, no dialog opens, and the harness fails the test on any console error (a payload that
// reached the DOM would be blocked by the CSP, or load `/x`, and say so there).

const SCRIPT = '<script>window.__xss=1</script>';
const HANDLER = '<img src=x onerror="window.__xss=2">';
const PAYLOAD = `${SCRIPT}${HANDLER}`;
/** Fields and their payloads, each within the field's length limit. */
const LANDING = {
  pageTitle: `Title ${PAYLOAD}`,
  pageSubtitle: `Subtitle ${PAYLOAD} <svg onload="window.__xss=3">`,
  teacherBio: `Bio ${PAYLOAD} </p><iframe src="javascript:window.__xss=4"></iframe>`,
  ctaText: `Go ${HANDLER}`,
  metaTitle: `Meta ${SCRIPT}</title><script>window.__xss=5</script>`.slice(0, 60),
  metaDescription: `Description "><script>window.__xss=6</script>${HANDLER}`,
};
const SOCIAL_URL = 'https://example.test/school?q="><script>window.__xss=7</script>';
const WORKSHOP = {
  title: `Class ${PAYLOAD}`,
  description: `About ${PAYLOAD}</div><script>window.__xss=8</script>`,
};

let server: E2eServer;
let admin: SignedInAdmin;
let workshop: Awaited<ReturnType<typeof createDemoWorkshop>>;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
  await admin.trpc.immersio.landing.updateSettings.mutate({
    ...LANDING,
    socialLinks: { facebook: SOCIAL_URL },
  });
  await admin.trpc.immersio.landing.publish.mutate({});
  workshop = await createDemoWorkshop(admin, WORKSHOP);
});
afterAll(() => server?.close());

const browser = useBrowser();

/** A page whose dialogs (alert, confirm, prompt) are recorded and dismissed. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, dialogs };
}

async function expectLiteral(page: Page, text: string) {
  await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}

/** Nothing of the payloads ran and no element they describe was created. */
async function expectInert(page: Page, dialogs: string[]) {
  // Give a late handler (image error, deferred script) its chance.
  await page.waitForLoadState('load');
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const injected = await page.evaluate(() => ({
    inlineScripts: document.querySelectorAll('script:not([src]):not([type="application/ld+json"])').length,
    handlers: document.querySelectorAll('[onerror], [onload], iframe, svg[onload]').length,
    imgX: document.querySelectorAll('img[src="x"]').length,
  }));
  expect(injected).toEqual({ inlineScripts: 0, handlers: 0, imgX: 0 });
}

describe('tenant texts are shown, never run', () => {
  it('on the landing page', async () => {
    const { page, dialogs } = await watchedPage();
    expect((await page.goto(`${server.baseUrl}/${DEMO_TENANT}`))?.status()).toBe(200);
    await expectLiteral(page, LANDING.pageTitle);
    await expectLiteral(page, LANDING.pageSubtitle);
    await expectLiteral(page, LANDING.teacherBio);
    await expectLiteral(page, LANDING.ctaText);
    await expectLiteral(page, WORKSHOP.title);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(LANDING.pageTitle);
    // Head: the title and the description are text too.
    expect(await page.title()).toBe(LANDING.metaTitle);
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(
      LANDING.metaDescription,
    );
    // The social link keeps its URL inside its attribute.
    const facebook = page.getByRole('link', { name: /^Facebook/ });
    expect(new URL((await facebook.getAttribute('href'))!).hostname).toBe('example.test');
    await expectInert(page, dialogs);
  });

  it('on the workshop page', async () => {
    const { page, dialogs } = await watchedPage();
    expect((await page.goto(workshop.bookingUrl))?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(WORKSHOP.title);
    await expectLiteral(page, WORKSHOP.description);
    // Taught by the owner, whose bio is the landing page's.
    await expectLiteral(page, LANDING.teacherBio);
    expect(await page.title()).toContain(WORKSHOP.title);
    await expectInert(page, dialogs);
  });

  it('on the manage page', async () => {
    const detail = await getWorkshop(server.baseUrl, workshop.slug);
    const booked = await createBooking(server.baseUrl, {
      workshopSlug: workshop.slug,
      startTime: detail.schedule[0]!.startTime,
      attendee: {
        name: `Student ${HANDLER}`,
        email: 'xss.student@example.test',
        timeZone: 'Europe/Berlin',
      },
    });
    const { page, dialogs } = await watchedPage();
    expect((await page.goto(booked.manageUrl))?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(WORKSHOP.title);
    await expectLiteral(page, `Student ${HANDLER} (xss.student@example.test)`);
    await expectInert(page, dialogs);
  });
});
