import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from './support/axe.ts';
import { launchBrowser, newContext, watchErrors } from './support/browser.ts';

// The harness's own guards, so a green browser suite means something: a CSP violation and an
// uncaught exception are caught, and axe finds a known accessibility failure. The page is served
// by Playwright's router (no server, no network).

const ORIGIN = 'http://harness.test';
const CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'";

const BROKEN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
<body><main><h1>Broken on purpose</h1>
<script>document.body.dataset.ran = 'yes';</script>
<img src="/pixel.png">
<input type="text">
</main></body></html>`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function open(options: { bypassCSP?: boolean } = {}) {
  const context = await newContext(browser, options);
  const errors = watchErrors(context);
  await context.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') {
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP },
        body: BROKEN_PAGE,
      });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  const page = await context.newPage();
  return { context, page, errors };
}

describe('e2e harness', () => {
  it('reports a CSP violation and a page error as errors', async () => {
    const { context, page, errors } = await open();
    await page.goto(`${ORIGIN}/`);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('uncaught in the page');
      });
    });
    await page.waitForTimeout(200);
    await context.close();
    expect(errors.join('\n')).toMatch(/Content Security Policy/);
    expect(errors.join('\n')).toMatch(/uncaught in the page/);
  });

  it('finds serious accessibility violations with axe', async () => {
    const { context, page } = await open({ bypassCSP: true });
    await page.goto(`${ORIGIN}/`);
    const violations = await runAxe(page);
    await context.close();
    const ids = violations.map((v) => v.id);
    expect(ids).toContain('image-alt');
    expect(ids).toContain('label');
    const label = violations.find((v) => v.id === 'label')!;
    expect(label.impact).toBe('critical');
    expect(label.targets).toEqual(['input']);
  });
});
