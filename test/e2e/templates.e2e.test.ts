import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { type ContextOptions, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';

// The five landing templates with the demo school's content (20 classes) and real images (logo,
// hero, teacher portrait uploaded as the admin would): each loads under its CSP without a console
// error, passes axe at desktop and phone width, fits a 375 px screen without sideways scrolling,
// and leaves a picture of both in test-results/e2e/template-<id>-1280.png and -375.png.

const TEMPLATES = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;
const DESKTOP = 1280;
const PHONE = 375;

let server: E2eServer;
let admin: SignedInAdmin;

/** A solid PNG as a data: URL (what `uploadAsset` takes as JSON). */
async function png(width: number, height: number, color: string): Promise<string> {
  const data = await sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${data.toString('base64')}`;
}

beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
  const upload = admin.trpc.immersio.landing.uploadAsset.mutate;
  await upload({ assetType: 'logo', file: await png(320, 80, '#1f5fbf') });
  await upload({ assetType: 'hero', file: await png(1600, 900, '#88aadd') });
  await upload({ assetType: 'teacher_avatar', file: await png(400, 400, '#cc8844') });
  await admin.trpc.immersio.landing.updateSettings.mutate({
    socialLinks: { facebook: 'https://facebook.com/language-academy', instagram: 'https://instagram.com/la' },
  });
});
afterAll(() => server?.close());

const browser = useBrowser();

describe('landing templates', () => {
  async function open(templateId: string, options: ContextOptions) {
    const page = await browser.newPage(options);
    const response = await page.goto(`${server.baseUrl}/${DEMO_TENANT}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('body').getAttribute('class')).toContain(`tpl-${templateId}`);
    await page.getByRole('heading', { level: 1, name: 'Learn Languages Online' }).waitFor();
    // Images are in (they are part of the layout being checked).
    await page.waitForLoadState('load');
    return page;
  }

  it.each(TEMPLATES)(
    '%s: loads under its CSP, passes axe, fits 375 px, pictured at 1280 and 375 px',
    async (templateId) => {
      await admin.trpc.immersio.landing.updateSettings.mutate({ templateId });

      // Under the page's real CSP (a violation is a console error, which fails the test).
      const desktop = await open(templateId, {});
      expect(await desktop.evaluate(() => window.innerWidth)).toBe(DESKTOP);
      await screenshot(desktop, `template-${templateId}-${DESKTOP}`);
      const phone = await open(templateId, { mobile: true });
      await expectNoHorizontalScroll(phone, PHONE);
      await screenshot(phone, `template-${templateId}-${PHONE}`);

      // axe needs its script injected: contexts that bypass the CSP.
      await expectAccessible(await open(templateId, { bypassCSP: true }));
      await expectAccessible(await open(templateId, { mobile: true, bypassCSP: true }));
    },
  );
});
