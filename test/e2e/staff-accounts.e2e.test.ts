import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Accounts in the browser: the home page, self-serve school sign-up, password reset by e-mail,
// and an invitation that ends in the staff app.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

let counter = 0;
function person() {
  counter += 1;
  return {
    school: `Escola Nova ${counter}`,
    address: `escola-nova-${counter}`,
    name: `Ana Souza ${counter}`,
    email: `ana-${counter}-${Date.now()}@example.test`,
    password: `ana-password-${counter}`,
  };
}

/** The field's error, as a screen reader hears it: the alert described by the input. */
async function fieldError(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await page.waitForFunction(
    (el) => el?.getAttribute('aria-invalid') === 'true',
    await input.elementHandle(),
  );
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'))!;
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}

async function fillSignUp(page: Page, who: ReturnType<typeof person>, address?: string) {
  await page.getByLabel('School name').fill(who.school);
  if (address !== undefined) await page.getByLabel('Address').fill(address);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
}

/** The reset link in the newest reset e-mail to `email`. */
async function resetLinkFor(email: string): Promise<string> {
  const mails = await server.waitForMail(email, 'Reset your Immersio Booking password');
  return /Choose a new password: (\S+)/.exec(mails.at(-1)!.text)![1]!;
}

describe('home page', () => {
  it('says what the service is and leads to sign-up', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Class bookings for language schools' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Create your school' }).click();
    await page.waitForURL((url) => url.pathname === '/app/sign-up');
    await page.getByRole('heading', { name: 'Create your school' }).waitFor();
  });

  it('sends a signed-in member to the app', async () => {
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL((url) => url.pathname === '/app/');
  });
});

describe('school sign-up', () => {
  it('suggests and checks the address, creates the school and lands on the overview', async () => {
    const who = person();
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/app/sign-up`);
    await page.getByLabel('School name').fill(who.school);
    expect(await page.getByLabel('Address').inputValue()).toBe(who.address);
    await page.getByText(`${server.baseUrl}/${who.address}`).waitFor();
    await page.getByRole('status').filter({ hasText: 'This address is available.' }).waitFor();

    await page.getByLabel('Address').fill(DEMO_TENANT);
    await page.getByRole('status').filter({ hasText: 'This address is already taken' }).waitFor();
    await page.getByLabel('Address').fill('admin');
    await page.getByRole('status').filter({ hasText: "kept for the service's own pages" }).waitFor();
    // Emptied, the address follows the name again.
    await page.getByLabel('Address').fill('');
    await page.getByLabel('School name').fill(`${who.school} `);
    expect(await page.getByLabel('Address').inputValue()).toBe(who.address);

    await fillSignUp(page, who);
    await page.getByRole('button', { name: 'Create school' }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByText(who.school).first().waitFor();

    const owner = await signInAs(server.baseUrl, who);
    expect(await owner.trpc.immersio.tenant.get.query({})).toMatchObject({
      slug: who.address,
      plan: { type: 'lite' },
    });
  });

  it('puts a taken address and an e-mail in use on their fields', async () => {
    const who = person();
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(409)] });
    await page.goto(`${server.baseUrl}/app/sign-up`);
    await fillSignUp(page, who, DEMO_TENANT);
    await page.getByRole('button', { name: 'Create school' }).click();
    expect(await fieldError(page, 'Address')).toBe('This address is already taken: choose another');

    await page.getByLabel('Address').fill(who.address);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByRole('button', { name: 'Create school' }).click();
    expect(await fieldError(page, 'Email')).toMatch(/^An account with this email already exists/);
    expect(new URL(page.url()).pathname).toBe('/app/sign-up');
  });

  it('checks the fields in the browser with the procedure schema', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/app/sign-up`);
    await page.getByLabel('Address').fill('No Spaces!');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create school' }).click();
    expect(await fieldError(page, 'School name')).toBe("Enter your school's name");
    expect(await fieldError(page, 'Address')).toMatch(/lower-case letters, digits and dashes/);
    expect(await fieldError(page, 'Email')).toBe('Enter a valid email address');
    expect(await fieldError(page, 'Password')).toBe('Use at least 8 characters');
  });
});

describe('password reset', () => {
  it('forgot password → e-mail → new password → sign in with it', async () => {
    const who = person();
    await (await signInDemoAdmin(server.baseUrl)).trpc.signup.createSchool.mutate({
      schoolName: who.school,
      slug: who.address,
      ownerName: who.name,
      email: who.email,
      password: who.password,
    });
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in form has an Email field too: fill the new screen's, not the old one's.
    await page.waitForURL((url) => url.pathname === '/app/forgot-password');
    await page.getByRole('button', { name: 'Send reset link' }).waitFor();
    await page.getByLabel('Email').fill(who.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    await page.goto(await resetLinkFor(who.email));
    await page.getByLabel('New password', { exact: true }).fill('a-new-password-1');
    await page.getByLabel('Confirm new password').fill('a-new-password-2');
    await page.getByRole('button', { name: 'Set new password' }).click();
    expect(await fieldError(page, 'Confirm new password')).toBe('The two passwords do not match');
    await page.getByLabel('Confirm new password').fill('a-new-password-1');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL((url) => url.pathname === '/app/sign-in');
    await page.getByRole('status').filter({ hasText: 'Your password has been changed' }).waitFor();
    await signInToApp(page, server.baseUrl, { email: who.email, password: 'a-new-password-1' });
  });

  it('a used or missing token says so and offers a new link', async () => {
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(401)] });
    await page.goto(`${server.baseUrl}/app/reset-password?token=${'x'.repeat(24)}`);
    await page.getByLabel('New password', { exact: true }).fill('a-new-password-1');
    await page.getByLabel('Confirm new password').fill('a-new-password-1');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.waitForURL((url) => url.pathname === '/app/forgot-password');

    await page.goto(`${server.baseUrl}/app/reset-password`);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
  });
});

describe('invitation', () => {
  it('a new teacher accepts and lands in the app, signed in', async () => {
    const admin = await signInDemoAdmin(server.baseUrl);
    const email = `teacher-${Date.now()}@example.test`;
    const { inviteLink } = await admin.trpc.immersio.tenant.inviteTeacher.mutate({
      email,
      name: 'Tia Teacher',
    });
    const page = await browser.newPage();
    await page.goto(inviteLink);
    await page.getByLabel('Password').fill('tia-password-1');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('someone signed in to another school accepts and lands in the inviting one', async () => {
    const who = person();
    const admin = await signInDemoAdmin(server.baseUrl);
    await admin.trpc.signup.createSchool.mutate({
      schoolName: who.school,
      slug: who.address,
      ownerName: who.name,
      email: who.email,
      password: who.password,
    });
    const { inviteLink } = await admin.trpc.immersio.tenant.inviteTeacher.mutate({ email: who.email });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, who);
    await page.goto(inviteLink);
    await page.getByLabel('Your name').fill(who.name);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const me = await page.evaluate(async () => {
      const response = await fetch('/api/trpc/viewer.me');
      return ((await response.json()) as { result: { data: { json: { activeTenantId: number } } } }).result
        .data.json;
    });
    const demoTenantId = (await admin.trpc.immersio.tenant.get.query({})).id;
    expect(me.activeTenantId).toBe(demoTenantId);
  });
});

describe('accessibility', () => {
  it('sign-up, forgot-password and reset-password have no serious violation, with errors shown too', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: 'Create your school' }).waitFor();
    await expectAccessible(page);

    await page.goto(`${server.baseUrl}/app/sign-up`);
    await page.getByLabel('School name').fill('Axe School');
    await page.getByRole('status').filter({ hasText: 'This address is available.' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create school' }).click();
    await fieldError(page, 'Your name');
    await expectAccessible(page);

    await page.goto(`${server.baseUrl}/app/forgot-password`);
    await page.getByLabel('Email').fill('someone@example.test');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await expectAccessible(page);

    await page.goto(`${server.baseUrl}/app/reset-password?token=${'z'.repeat(24)}`);
    await page.getByLabel('Confirm new password').waitFor();
    await expectAccessible(page);
    await page.goto(`${server.baseUrl}/app/reset-password`);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await expectAccessible(page);
  });
});
