import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// The staff screen for booking on the school's own website (issue 20, parts 1 and 4): the sites
// allowed to embed, checked by updateSettings' schema, and the code to paste for the catalogue or
// one class, in the page or as a pop-up.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

describe('booking on your website', () => {
  it('lists the allowed sites and writes the code to paste', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/landing`);
    const panel = page.getByRole('region', { name: 'Booking on your website' });
    await panel.getByText('Add a site first').waitFor();
    await expectAccessible(page);

    const sites = panel.getByLabel('Sites allowed to show the booking');
    await sites.fill('http://www.myschool.test');
    await panel.getByRole('button', { name: 'Save sites' }).click();
    await panel.getByText('Must start with https:// (http:// only for localhost)').waitFor();
    await expectAccessible(page);

    await sites.fill('https://www.MySchool.test/\nhttp://localhost:8080');
    await panel.getByRole('button', { name: 'Save sites' }).click();
    await page.getByText('Sites saved').first().waitFor();
    // Kept as the browser will send them: origins, lower case, no trailing slash.
    await expect.poll(() => sites.inputValue()).toBe('https://www.myschool.test\nhttp://localhost:8080');
    const code = panel.getByLabel('Code to paste');
    expect(await code.inputValue()).toBe(
      `<script src="${server.baseUrl}/embed.js" data-tenant="${DEMO_TENANT}" async></script>`,
    );

    await panel.getByLabel('What to show').selectOption({ label: 'Business English' });
    await panel.getByLabel('In a pop-up, from a button').check();
    expect(await code.inputValue()).toBe(
      `<script src="${server.baseUrl}/embed.js" data-tenant="${DEMO_TENANT}" data-workshop="business-english" data-mode="popup" async></script>`,
    );
    await expectAccessible(page);

    const saved = await fetch(`${server.baseUrl}/${DEMO_TENANT}?embed=1`, {
      headers: { 'sec-fetch-dest': 'iframe' },
    });
    expect(saved.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://www.myschool.test http://localhost:8080',
    );
  });
});
