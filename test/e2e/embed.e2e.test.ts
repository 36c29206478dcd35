import { createServer, type Server } from 'node:http';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { createDemoWorkshop, type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';

// Booking on the school's own website (issue 20, part 1) in Chromium, with third-party cookies
// blocked as browsers now do: a page on another site (another host and port) pastes embed.js; the
// frame grows to its content, a free booking inside it tells the host page, a site the school did
// not list is refused by frame-ancestors, and the paid path leaves the frame for Checkout and
// comes back to the booking.

let server: E2eServer;
let admin: SignedInAdmin;
let listed: HostSite;
let unlisted: HostSite;
let freeSlug: string;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
  [listed, unlisted] = await Promise.all([startHostSite(), startHostSite()]);
  await admin.trpc.immersio.landing.updateSettings.mutate({ embedOrigins: [listed.origin] });
  const free = await createDemoWorkshop(admin, {
    title: 'Embedded Conversation',
    recurrence: { frequency: 'none' },
  });
  freeSlug = free.slug;
});
afterAll(async () => {
  await Promise.all([listed?.close(), unlisted?.close()]);
  await server?.close();
});

const browser = useBrowser({ extraArgs: ['--test-third-party-cookie-phaseout'] });

interface HostSite {
  /** `http://localhost:<port>`: another site than the service's 127.0.0.1, not only another port. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A school's own website: `/?attrs=…` is a page with the embed script (its data attributes from
 * the query) that records every `ibs:` message it is posted in `window.ibsEvents`.
 */
async function startHostSite(): Promise<HostSite> {
  const port = await freePort();
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://localhost:${port}`);
    const attrs = [...url.searchParams].map(([k, v]) => ` data-${k}="${v}"`).join('');
    const trigger =
      url.searchParams.get('mode') === 'popup'
        ? '<button type="button" data-ibs-book>Book a class</button>'
        : '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Escuela</title></head><body>
<main><h1>Our school</h1><p>Welcome.</p>${trigger}
<script>window.ibsEvents = []; addEventListener('message', (e) => { if (e.data && String(e.data.type).startsWith('ibs:')) window.ibsEvents.push({ origin: e.origin, data: e.data }); });</script>
<script src="${server.baseUrl}/embed.js" data-tenant="${DEMO_TENANT}"${attrs} async></script>
<p>Below the booking.</p></main></body></html>`);
  });
  await new Promise<void>((resolve) => http.listen(port, resolve));
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

type Posted = { origin: string; data: { type: string; [key: string]: unknown } };
const posted = (page: Page) => page.evaluate(() => (window as unknown as { ibsEvents: Posted[] }).ibsEvents);

async function bookingFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(server.baseUrl))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(server.baseUrl))!;
}

/** The iframe is as tall as its page: no scroll bar inside it, and the last `ibs:resize` is its height. */
async function expectSizedToContent(page: Page, frame: Frame) {
  await expect
    .poll(async () => {
      const inner = await frame.evaluate(() => ({
        content: Math.ceil(document.documentElement.getBoundingClientRect().height),
        viewport: window.innerHeight,
      }));
      return Math.abs(inner.content - inner.viewport) <= 1;
    })
    .toBe(true);
  const heights = (await posted(page)).filter((e) => e.data.type === 'ibs:resize').map((e) => e.data.height);
  const box = await page.locator('iframe').boundingBox();
  expect(heights.at(-1)).toBe(Math.round(box!.height));
}

describe('embed.js on a school’s own website', () => {
  it('inline: the frame grows to the workshop page and a free booking posts ibs:booking-created', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${listed.origin}/?workshop=${freeSlug}`);
    const frame = await bookingFrame(page);
    await frame.getByRole('heading', { name: 'Embedded Conversation' }).waitFor();
    // The school's page has its own header: the frame shows none of the booking site's.
    expect(await frame.locator('.site-header').isVisible()).toBe(false);
    await expectSizedToContent(page, frame);
    expect((await page.locator('iframe').boundingBox())!.height).toBeGreaterThan(640);
    await expectAccessible(frame);

    await frame.getByRole('radio').first().check();
    await frame.getByLabel('Your name').fill('Ana Embebida');
    await frame.getByLabel('E-mail').fill('ana.embebida@example.test');
    await frame.getByRole('button', { name: 'Book now' }).click();
    await expect
      .poll(async () => (await posted(page)).some((e) => e.data.type === 'ibs:booking-created'))
      .toBe(true);
    const created = (await posted(page)).find((e) => e.data.type === 'ibs:booking-created')!;
    expect(created.origin).toBe(server.baseUrl);
    const { uid, start, manageUrl } = created.data as unknown as {
      uid: string;
      start: string;
      manageUrl: string;
    };
    expect(manageUrl).toBe(
      `${server.baseUrl}/bookings/${uid}?token=${new URL(manageUrl).searchParams.get('token')}`,
    );
    const booking = await (await fetch(manageUrl.replace('/bookings/', '/api/v1/public/bookings/'))).json();
    expect(booking.booking).toMatchObject({ uid, status: 'accepted' });
    expect(new Date(booking.booking.startTime).toISOString()).toBe(start);

    // The manage page, in the frame, sized again; the host page never left.
    const manage = await bookingFrame(page);
    await manage.getByRole('heading', { name: /Status: Confirmed/ }).waitFor();
    expect(page.url()).toContain(listed.origin);
    await expectSizedToContent(page, manage);
    await expectAccessible(manage);
  });

  it('a site the school does not list is refused by frame-ancestors, and hears nothing', async () => {
    const refusals: string[] = [];
    const refused = /^Framing '[^']+' violates the following Content Security Policy directive/;
    const page = await browser.newPage({ allowConsoleErrors: [refused] });
    page.on('console', (message) => {
      if (refused.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`${unlisted.origin}/?workshop=${freeSlug}`);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toContain(`"frame-ancestors ${listed.origin}"`);
    expect(refusals[0]).toContain(server.baseUrl);
    expect(await posted(page)).toEqual([]);
  });

  it('popup, paid: the form leaves the frame for Checkout and comes back to the booking', async () => {
    const page = await browser.newPage();
    await page.goto(`${listed.origin}/?mode=popup&workshop=conversational-spanish`);
    await page.getByRole('button', { name: 'Book a class' }).click();
    const dialog = page.getByRole('dialog', { name: 'Book a class' });
    await dialog.waitFor();
    const frame = await bookingFrame(page);
    await frame.getByRole('heading', { name: 'Conversational Spanish' }).waitFor();
    await frame.getByRole('radio', { disabled: false }).first().check();
    await frame.getByLabel('Your name').fill('Pia Embebida');
    await frame.getByLabel('E-mail').fill('pia.embebida@example.test');
    await Promise.all([
      page.waitForURL(/\/checkout\/cs_test_/),
      frame.getByRole('button', { name: 'Continue to payment' }).click(),
    ]);
    await Promise.all([
      page.waitForURL(
        (url) => url.origin === server.baseUrl && url.searchParams.get('checkout') === 'success',
      ),
      page.getByRole('button', { name: /^Pay / }).click(),
    ]);
    await page.getByRole('heading', { name: /^Status:/ }).waitFor();
    expect(await page.content()).toContain('Conversational Spanish');
  });
});
