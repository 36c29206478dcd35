import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png, SVG } from '../fixtures/images.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's landing page editor (issue 15): the server-rendered preview follows the form
// before anything is saved, the five templates as thumbnails, the contrast warning, uploads by
// file picker and by drag and drop (with the server's refusal), unpublish, publish, the live page.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).first().waitFor();
}

const preview = (page: Page): FrameLocator => page.frameLocator('iframe[title="Landing page preview"]');

async function headlineIn(frame: FrameLocator): Promise<string> {
  return (await frame.locator('h1').first().textContent({ timeout: 10_000 }))?.trim() ?? '';
}

/** Drops `file` on an upload zone as a person dragging it from their desktop would. */
async function dropFile(page: Page, testId: string, file: { name: string; type: string; bytes: Buffer }) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      return transfer;
    },
    { name: file.name, type: file.type, base64: file.bytes.toString('base64') },
  );
  const zone = page.getByTestId(testId);
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

describe('staff landing page editor', () => {
  it('previews unsaved changes, saves, uploads, unpublishes and publishes, and the live page shows it', async () => {
    // Refused uploads answer 400, which Chromium logs; that refusal is part of the test.
    const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(400)] });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Landing page' }).click();
    await page.getByRole('heading', { name: 'Landing page', level: 1 }).waitFor();
    await page.getByText('Published', { exact: true }).waitFor();
    await expect.poll(() => headlineIn(preview(page))).toBe('Learn Languages Online');
    // The five templates side by side, each drawn by the server.
    await expect.poll(() => page.locator('iframe[title$="template thumbnail"]').count()).toBe(5);
    await expectAccessible(page);

    // The preview follows the form before anything is saved; the live page does not.
    const headline = `Spring term starts now ${Date.now()}`;
    await page.getByLabel('Headline').fill(headline);
    await expect.poll(() => headlineIn(preview(page))).toBe(headline);
    // As a visitor sees it: without the owner's cookie (she is shown her unpublished page).
    const live = () => fetch(`${server.baseUrl}/${DEMO_TENANT}`);
    expect(await (await live()).text()).not.toContain(headline);
    await page.getByRole('radio', { name: /Kids, bold/ }).check();
    await preview(page).locator('body.tpl-kids_2').waitFor();
    expect(await headlineIn(preview(page))).toBe(headline);

    // A colour that reads poorly is flagged, and the page's own adjustment is in the preview.
    const primary = page.getByLabel('Primary colour', { exact: true });
    const saved = await primary.inputValue();
    await primary.fill('#FFDD00');
    await page.getByText(/Primary colour #FFDD00 as text on the white page: 1\.\d:1, below 4\.5:1/).waitFor();
    await expectAccessible(page);
    await primary.fill(saved);
    await expect.poll(() => page.getByText('Poor contrast').count()).toBe(0);

    // An invalid value pauses the preview, and the schema's message lands on the field at save.
    await page.getByLabel('Facebook').fill('not a link');
    await page.getByText(/^Preview paused until the form is valid \(Facebook:/).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Must be an http(s) URL', { exact: true }).waitFor();
    await page.getByLabel('Facebook').fill('https://facebook.com/language-academy');
    await screenshot(page, 'staff-landing-editor');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Landing page saved');
    expect(await (await live()).text()).toContain(headline);

    // Uploads: the file picker with progress, then a refused and an accepted drop.
    await page.getByLabel('Upload a hero image').setInputFiles({
      name: 'hero.png',
      mimeType: 'image/png',
      buffer: await png(1600, 900),
    });
    await toast(page, 'Hero image uploaded and saved');
    expect(await page.getByLabel('Hero image address').inputValue()).toMatch(/\/uploads\/[0-9a-f]{32}\.png$/);
    await preview(page).locator('img[src*="/uploads/"]').first().waitFor({ state: 'attached' });
    await dropFile(page, 'drop-logo', { name: 'logo.svg', type: 'image/svg+xml', bytes: SVG });
    await page.getByText(/^logo\.svg was not uploaded: SVG is not accepted/).waitFor();
    await expectAccessible(page);
    await dropFile(page, 'drop-logo', { name: 'logo.png', type: 'image/png', bytes: await png(200, 80) });
    await toast(page, 'Logo uploaded and saved');
    expect(await page.getByLabel('Logo address').inputValue()).toMatch(/\/uploads\/[0-9a-f]{32}\.png$/);

    // Unpublish: gone for visitors. Publish: back, with every change.
    await page.getByRole('button', { name: 'Unpublish' }).click();
    await toast(page, 'Landing page unpublished');
    await page.getByText('Not published', { exact: true }).waitFor();
    expect((await live()).status).toBe(404);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await toast(page, 'Landing page published');
    const [livePage] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: /Open live page/ }).click(),
    ]);
    await livePage.waitForLoadState();
    expect(new URL(livePage.url()).pathname).toBe(`/${DEMO_TENANT}`);
    expect((await livePage.locator('h1').first().textContent())?.trim()).toBe(headline);
    await livePage.locator('body.tpl-kids_2').waitFor();
    await livePage.locator('img[src*="/uploads/"]').first().waitFor({ state: 'attached' });
    await expectAccessible(page);
  });

  it('a teacher has no landing editor, and the server refuses them its preview', async () => {
    const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(403)] });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Calendar' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Landing page' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/app/landing`);
    await page.getByText('Only owners and admins edit the landing page').waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    await expectAccessible(page);
    const refused = await page.request.post(`${server.baseUrl}/api/v1/staff/landing/preview`, {
      form: { draft: JSON.stringify({ pageTitle: 'Mine now' }) },
      headers: { origin: server.baseUrl },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('fits a 375 px phone: the editor scrolls only down, its preview at phone width', async () => {
    const page = await browser.newPage({ mobile: true });
    // On a phone the navigation sits behind the menu button, so signInToApp's wait does not apply.
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.goto(`${server.baseUrl}/app/landing`);
    await page.getByRole('heading', { name: 'Landing page', level: 1 }).waitFor();
    await page.getByText('Phone', { exact: true }).click();
    await expect.poll(() => headlineIn(preview(page))).not.toBe('');
    await expectNoHorizontalScroll(page, 375);
    await screenshot(page, 'staff-landing-editor-375');
  });
});
