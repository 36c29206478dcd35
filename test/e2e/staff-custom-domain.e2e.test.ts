import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsServer, startDnsServer } from '../../dev/dns-server/dns-server.ts';
import { DEMO } from '../../src/seed/demo.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// The school's own domain (issue 20, part 2) in Chromium: the owner claims it on the landing
// screen, publishes the TXT record (dev/dns-server plays the public DNS), checks, and the browser,
// which resolves the name to loopback (as the school's CNAME would to the proxy), gets the school's
// site on it; before verification the same name is a 404 page.

const DOMAIN = 'book.e2e-school.test';

let dns: DnsServer;
let server: E2eServer;
beforeAll(async () => {
  dns = await startDnsServer();
  server = await startE2eServer({ env: { DNS_SERVERS: dns.address } });
});
afterAll(async () => {
  await server?.close();
  await dns?.close();
});

const browser = useBrowser({ extraArgs: [`--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`] });
const port = () => new URL(server.baseUrl).port;

describe('custom domain', () => {
  it('is claimed, verified by its TXT record, and then serves the school’s site', async () => {
    const page = await browser.newPage({
      bypassCSP: true,
      allowConsoleErrors: [
        expectedStatusError(404),
        // The school's domain is plain http here (https in production, where the header applies).
        /^The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
      ],
    });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/landing`);
    const panel = page.getByRole('region', { name: 'Your own domain' });
    await panel.getByLabel('Domain').fill(DOMAIN);
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Use this domain' }).click();
    await panel.getByText('Waiting for DNS').waitFor();
    const name = await panel.getByLabel('TXT record name').inputValue();
    const value = await panel.getByLabel('TXT record value').inputValue();
    expect(name).toBe(`_immersio-booking.${DOMAIN}`);
    expect(await panel.getByLabel(`CNAME record: ${DOMAIN} points to`).inputValue()).toBe('127.0.0.1');
    await expectAccessible(page);

    // Not verified yet: the name serves nothing, and the proxy would get no certificate for it.
    const before = await page.goto(`http://${DOMAIN}:${port()}/`);
    expect(before?.status()).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/v1/domains/tls-ask?domain=${DOMAIN}`)).status).toBe(404);

    // Checked before the record exists: the reason is shown; then with it: verified.
    await page.goto(`${server.baseUrl}/app/landing`);
    await panel.getByRole('button', { name: 'Check now' }).click();
    await panel.getByText(`Last check: No TXT record found at ${name}`).waitFor();
    dns.records.set(name, [value]);
    await panel.getByRole('button', { name: 'Check now' }).click();
    await panel.getByText('Verified', { exact: true }).waitFor();
    await expectAccessible(page);
    expect((await fetch(`${server.baseUrl}/api/v1/domains/tls-ask?domain=${DOMAIN}`)).status).toBe(200);

    // At once: verifying drops every instance's remembered answer for the host.
    const site = await page.goto(`http://${DOMAIN}:${port()}/`);
    expect(site?.status()).toBe(200);
    // The demo school's landing page: the same one as at /language-academy.
    const original = await (await fetch(`${server.baseUrl}/${DEMO.tenant.slug}`)).text();
    const title = /<title>([^<]*)<\/title>/.exec(original)?.[1];
    expect(await page.content()).toContain(`<title>${title}</title>`);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`https://${DOMAIN}`);
    await expectAccessible(page);
  });
});
