import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// The staff app's frame: served under /app with its CSP, the session check that sends a signed-out
// visitor to sign-in and back, the navigation, and signing out.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

describe('staff app shell', () => {
  it('sends a signed-out visitor to sign-in and back to the screen they asked for', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/app/calendar?view=month`);
    await page.waitForURL((url) => url.pathname === '/app/sign-in');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/calendar?view=month');
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/app/calendar');
    expect(new URL(page.url()).searchParams.get('view')).toBe('month');
  });

  it('says when the password is wrong, on the form', async () => {
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(401)] });
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
  });

  it('signs in, navigates and signs out; the page carries a nonce CSP without unsafe-inline', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.baseUrl}/app/sign-in`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('link', { name: 'Workshops' }).click();
    await page.waitForURL((url) => url.pathname === '/app/workshops');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/app/sign-in');
    await page.goto(`${server.baseUrl}/app/`);
    await page.waitForURL((url) => url.pathname === '/app/sign-in');
  });

  it('lets someone in two schools switch between them', async () => {
    // The demo owner signs a second school up with the same account (their password proves it).
    const owner = await signInAs(server.baseUrl, DEMO_OWNER);
    await owner.trpc.signup.createSchool.mutate({
      schoolName: 'Second Campus',
      slug: 'second-campus',
      ownerName: DEMO_OWNER.name,
      email: DEMO_OWNER.email,
      password: DEMO_OWNER.password,
    });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    const switcher = page.getByRole('button', { name: /^School: .*Switch school$/ });
    const before = (await switcher.getAttribute('aria-label')) ?? '';
    const target = before.includes('Second Campus') ? 'Language Academy' : 'Second Campus';
    await switcher.click();
    await page.getByRole('menuitem', { name: target }).click();
    await page.getByRole('button', { name: `School: ${target}. Switch school` }).waitFor();
    const me = await owner.trpc.viewer.me.query();
    expect(me.memberships.map((m) => m.tenantName).sort()).toEqual(['Language Academy', 'Second Campus']);
  });

  it('has no serious accessibility violation on sign-in and the signed-in frame', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page);
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await expectAccessible(page);
  });
});
