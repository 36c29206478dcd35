import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTenantPlan } from '../../src/modules/tenants/tenant-lookup.ts';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 17's own text in e-mails in the workshop form: typed with a counter, kept across a
// reload, and disabled (kept, unsent, left out of the save) once the plan lacks customEmails.

let server: E2eServer;
let owner: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
});
afterAll(() => server?.close());

const browser = useBrowser();

const LABEL = 'Message in confirmations and reminders';
const MESSAGE = 'Bring your textbook.\nThe door code is 4321.';

async function openWorkshop(page: Page, id: number, title: string) {
  await page.goto(`${server.baseUrl}/app/workshops/${id}`);
  await page.getByRole('heading', { level: 1, name: title }).first().waitFor();
  await page.getByLabel(LABEL).waitFor();
}

const stored = async (id: number) =>
  (await owner.trpc.immersio.workshop.get.query({ workshopId: id })).emailMessage;

describe('the school message in the workshop form', () => {
  it('is typed with a counter and kept; disabled with the plan that includes it after a downgrade', async () => {
    const title = `Message Lab ${Date.now()}`;
    const created = await createDemoWorkshop(owner, { title });
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openWorkshop(page, created.id, title);
    const field = page.getByLabel(LABEL);
    expect(await field.isEnabled()).toBe(true);
    await page.getByText('0 / 2000 characters', { exact: false }).waitFor();
    await field.fill(MESSAGE);
    await page.getByText(`${MESSAGE.length} / 2000 characters`, { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).first().waitFor();
    expect(await stored(created.id)).toBe(MESSAGE);
    await page.reload();
    await openWorkshop(page, created.id, title);
    expect(await page.getByLabel(LABEL).inputValue()).toBe(MESSAGE);

    // The demo school moves to Starter: the text stays, the field says which plan includes it.
    const { id: tenantId } = await owner.trpc.immersio.tenant.get.query();
    await setTenantPlan(server.database.db, tenantId, 'starter');
    await server.container.bus.publish({ type: 'tenant', tenantId });
    await page.reload();
    await openWorkshop(page, created.id, title);
    await page
      .getByText(/Included in the Growth plan and above; your school is on the Starter plan/)
      .waitFor();
    expect(await page.getByLabel(LABEL).isDisabled()).toBe(true);
    expect(await page.getByLabel(LABEL).inputValue()).toBe(MESSAGE);
    await expectAccessible(page);
    // Other changes still save: the text is left out of what is sent, so no 403.
    await page.getByLabel('Title', { exact: true }).fill(`${title} (edited)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('heading', { level: 1, name: `${title} (edited)` })
      .first()
      .waitFor();
    expect(await stored(created.id)).toBe(MESSAGE);
    await setTenantPlan(server.database.db, tenantId, 'growth');
    await server.container.bus.publish({ type: 'tenant', tenantId });
  });
});
