import type { Page } from 'playwright-core';
import { DEMO } from '../../../src/seed/demo.ts';

// The staff app in the browser: signing in through its own form, as a person would. No vitest
// imports (like server.ts).

export const DEMO_OWNER = { email: DEMO.owner.email, password: DEMO.owner.password, name: DEMO.owner.name };
export const DEMO_TEACHER = {
  email: DEMO.teacher.email,
  password: DEMO.teacher.password,
  name: DEMO.teacher.name,
};

/** Opens `/app/sign-in`, signs in and waits for the overview (or `landing`, a path under /app). */
export async function signInToApp(
  page: Page,
  baseUrl: string,
  credentials: { email: string; password: string },
  landing = '/app/',
): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === landing);
  // The staff frame's <main id="main"> (the navigation hides behind "Menu" at phone width).
  await page.locator('main#main').waitFor();
}
