import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, watchErrors } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';

// The API docs page (Swagger UI from swagger-ui-dist) renders the OpenAPI document under its own
// strict CSP: no CSP violation, no uncaught error, no request leaving this origin.

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('/api/docs', () => {
  it('renders every operation of the document under its CSP, loading nothing from elsewhere', async () => {
    const context = await newContext(browser);
    const errors = watchErrors(context);
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.baseUrl) && !request.url().startsWith('data:')) {
        foreign.push(request.url());
      }
    });
    await page.goto(`${server.baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    const document = (await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.values(document.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
