import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { Page } from 'playwright-core';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/trpc/router.ts';
import { signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's API keys: an owner creates one (shown once, copied), a script uses it through
// @trpc/client, the owner revokes it and the script is refused; a teacher sees no such page and
// the server refuses their calls.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** The app code a tRPC call failed with, or 'OK'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { appCode: string }).appCode;
    throw error;
  }
}

/** What a script would do with the key: the tRPC client with it as the bearer token. */
function useKey(key: string) {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.baseUrl}/api/trpc`,
        transformer: superjson,
        headers: () => ({ authorization: `Bearer ${key}` }),
      }),
    ],
  });
  return outcome(client.immersio.tenant.get.query());
}

const keyRows = (page: Page) => page.getByRole('table', { name: 'API keys of this school' }).getByRole('row');

describe('staff API keys', () => {
  it('an owner creates a key, sees it once, a script uses it, and revoking it refuses the script', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByText('No API keys').waitFor();
    await expectAccessible(page);

    // The procedure's own schema checks the name before anything is sent.
    await page.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText('Required').waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Name').fill('Nightly export');
    await dialog.getByLabel('Expires').selectOption({ label: 'In 90 days' });
    await dialog.getByRole('button', { name: 'Create key' }).click();

    // Shown once, in full, with a copy button.
    const shown = page.getByRole('dialog', { name: '“Nightly export” created' });
    const key = await shown.getByLabel('Your new API key').inputValue();
    expect(key).toMatch(/^ibs_[0-9A-Za-z]{43}$/);
    await shown.getByRole('button', { name: 'Copy key' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await expectAccessible(page);
    await screenshot(page, 'staff-api-keys-created');
    await shown.getByRole('button', { name: 'Done' }).click();

    // Listed by name and first characters only; the key is nowhere on the page any more.
    const row = keyRows(page).filter({ hasText: 'Nightly export' });
    await row.getByText(`${key.slice(0, 12)}…`).waitFor();
    await row.getByText('Never', { exact: true }).first().waitFor();
    expect(await page.content()).not.toContain(key);
    await expectAccessible(page);

    // A script uses it; the list then says when.
    expect(await useKey(key)).toBe('OK');
    await page.reload();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).not.toBe('Never');

    // Revoked after a confirmation: refused from the next call.
    await page.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “Nightly export”?' });
    await confirm.getByText(`${key.slice(0, 12)}…`, { exact: false }).waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('“Nightly export” revoked', { exact: true }).first().waitFor();
    await page.getByText('No API keys').waitFor();
    expect(await useKey(key)).toBe('UNAUTHORIZED');
  });

  it('fits a phone', async () => {
    const admin = await signInAs(server.baseUrl, DEMO_OWNER);
    await admin.trpc.immersio.apiKey.create.mutate({ name: 'Immersio backend (production servers)' });
    const page = await browser.newPage({ bypassCSP: true, mobile: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/api-keys`);
    await page.getByRole('main').getByRole('listitem').filter({ hasText: 'Immersio backend' }).waitFor();
    await expectNoHorizontalScroll(page, 375);
    await expectAccessible(page);
    await screenshot(page, 'staff-api-keys-375');
  });

  it('a teacher sees no API keys page and the server refuses their calls', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Calendar' }).waitFor();
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);

    await page.goto(`${server.baseUrl}/app/api-keys`);
    await page.getByText('Not allowed').waitFor();
    expect(await page.getByRole('button', { name: 'New API key' }).count()).toBe(0);
    await expectAccessible(page);

    const teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
    expect(await outcome(teacher.trpc.immersio.apiKey.list.query())).toBe('FORBIDDEN');
    expect(await outcome(teacher.trpc.immersio.apiKey.create.mutate({ name: 'Mine' }))).toBe('FORBIDDEN');
  });
});
