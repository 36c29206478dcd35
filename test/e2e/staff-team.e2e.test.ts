import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, signInAs, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's team, plan and account screens (issue 15): invite → accept through the link →
// role change → removal refused while teaching → reassign → removal; the plan's usage; a
// password change with other sessions signed out; and a teacher (MEMBER) who sees none of the
// admin pages while the server refuses their calls.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** Waits for a toast (its text also sits in the screen reader's live region: the first match). */
function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).first().waitFor();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function openTeam(page: Page) {
  await nav(page).getByRole('link', { name: 'Team' }).click();
  await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  await page.getByRole('table', { name: 'Members of this school' }).waitFor();
}

describe('staff team', () => {
  it('invite → accept → role change → removal refused while teaching → reassign → removal', async () => {
    const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(409)] });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openTeam(page);
    const members = page.getByRole('table', { name: 'Members of this school' });
    await members.getByRole('rowheader', { name: new RegExp(DEMO_TEACHER.name) }).waitFor();
    await page.getByText(/^\d+ of 5 teachers on the growth plan/).waitFor();
    await expectAccessible(page);

    // Invite: the dialog shows the plan's teacher seats, checks the address, then shows the link.
    const email = `nora-${Date.now()}@example.test`;
    await page.getByRole('button', { name: 'Invite a teacher' }).click();
    let dialog = page.getByRole('dialog', { name: 'Invite a teacher' });
    await dialog.getByText(/of 5 teacher seats used/).waitFor();
    await dialog.getByLabel('Email').fill('not-an-address');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Invalid email address').waitFor();
    expect(await dialog.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Name (optional)').fill('Nora New');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    dialog = page.getByRole('dialog', { name: 'Invitation sent' });
    const inviteLink = await dialog.getByLabel('Invitation link').inputValue();
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const pending = page.getByRole('region', { name: 'Pending invitations' });
    await pending.getByText(`Nora New · ${email}`).waitFor();

    // A second invitation, resent (new link, new e-mail) and withdrawn.
    const other = `omar-${Date.now()}@example.test`;
    await page.getByRole('button', { name: 'Invite a teacher' }).click();
    dialog = page.getByRole('dialog', { name: 'Invite a teacher' });
    await dialog.getByLabel('Email').fill(other);
    await dialog.getByLabel('Role').selectOption({ label: 'Admin' });
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('dialog', { name: 'Invitation sent' }).getByRole('button', { name: 'Done' }).click();
    await pending.getByRole('button', { name: `Resend the invitation to ${other}` }).click();
    await toast(page, `Invitation sent again to ${other}`);
    // The resent invitation goes out through the outbox, after the toast.
    await expect
      .poll(async () => (await server.waitForMail(other, "You're invited")).length, { timeout: 10_000 })
      .toBe(2);
    await pending.getByRole('button', { name: `Withdraw the invitation to ${other}` }).click();
    await toast(page, `Invitation to ${other} withdrawn`);
    await expect.poll(() => pending.getByText(other).count()).toBe(0);
    await expectAccessible(page);

    // Nora accepts through the link and lands in the app as a teacher.
    const nora = await browser.newPage();
    await nora.goto(inviteLink);
    await nora.getByLabel('Your name').fill('Nora New');
    await nora.getByLabel('Password').fill('nora-password-1');
    await nora.getByRole('button', { name: 'Accept invitation' }).click();
    await nora.waitForURL((url) => url.pathname === '/app/');
    await nav(nora).waitFor();
    expect(await nav(nora).getByRole('link', { name: 'Team' }).count()).toBe(0);

    // She is on the team now; the owner makes her an admin.
    await page.reload();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await members.getByRole('rowheader', { name: /Nora New/ }).waitFor();
    await expect.poll(() => pending.getByText(email).count()).toBe(0);
    await page.getByLabel('Role of Nora New').selectOption({ label: 'Admin' });
    await toast(page, 'Nora New is now an admin');
    await nora.reload();
    await nav(nora).getByRole('link', { name: 'Team' }).waitFor();
    await screenshot(page, 'staff-team');

    // She teaches a class: removing her is refused, with the class named and linked.
    const admin = await signInDemoAdmin(server.baseUrl);
    const noraId = (await admin.trpc.immersio.tenant.listMembers.query()).members.find(
      (m) => m.email === email,
    )!.userId;
    const workshop = await createDemoWorkshop(admin, {
      title: 'Nora’s Conversation Club',
      teacherId: noraId,
    });
    await page.getByRole('button', { name: 'Remove Nora New' }).click();
    dialog = page.getByRole('dialog', { name: 'Remove Nora New?' });
    await dialog.getByRole('button', { name: 'Remove from the team' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('Nora New still teaches these upcoming classes').waitFor();
    await refusal.getByText(/2 upcoming sessions/).waitFor();
    await expectAccessible(page);

    // Reassign through the workshop's own form, then the removal goes through.
    await refusal.getByRole('link', { name: 'Nora’s Conversation Club' }).click();
    await page.waitForURL((url) => url.pathname === `/app/workshops/${workshop.id}`);
    const teacher = page.getByLabel('Teacher', { exact: true });
    await expect
      .poll(async () => (await teacher.locator('option').allTextContents()).length)
      .toBeGreaterThan(2);
    await teacher.selectOption(String(admin.userId));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Saved');
    await openTeam(page);
    await page.getByRole('button', { name: 'Remove Nora New' }).click();
    await page
      .getByRole('dialog', { name: 'Remove Nora New?' })
      .getByRole('button', { name: 'Remove from the team' })
      .click();
    await toast(page, 'Nora New was removed from the team');
    await expect.poll(() => members.getByRole('rowheader', { name: /Nora New/ }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('shows the plan, this month’s usage and what each plan unlocks', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await nav(page).getByRole('link', { name: 'Plan and usage' }).click();
    await page.getByRole('heading', { name: 'Plan and usage', level: 1 }).waitFor();
    await page.getByRole('meter', { name: 'Teachers' }).waitFor();
    await page.getByRole('meter', { name: 'Bookings this month' }).waitFor();
    await page.getByText('Event types').first().waitFor();
    await page.getByText('· no limit').first().waitFor();
    const plans = page.getByRole('table', { name: 'Plans and what they include' });
    await plans.getByRole('columnheader', { name: /growth\s*\(your plan\)/i }).waitFor();
    await plans.getByRole('rowheader', { name: 'Immersio course sync' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-plan');
  });

  it('a teacher (MEMBER) sees none of the admin pages, and the server refuses their calls', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await nav(page).getByRole('link', { name: 'Your account' }).waitFor();
    for (const label of ['Team', 'Plan and usage', 'Landing page', 'Payments', 'API keys', 'Immersio']) {
      expect(await nav(page).getByRole('link', { name: label, exact: true }).count()).toBe(0);
    }
    for (const [path, title] of [
      ['/app/team', 'Team'],
      ['/app/plan', 'Plan and usage'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByText('Not allowed').waitFor();
      await expectAccessible(page);
    }
    const teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
    const owner = await signInDemoAdmin(server.baseUrl);
    const refusals = [
      () => teacher.trpc.immersio.tenant.getPlanUsage.query(),
      () => teacher.trpc.immersio.tenant.listInvites.query(),
      () => teacher.trpc.immersio.tenant.inviteTeacher.mutate({ email: 'sneaky@example.test' }),
      () => teacher.trpc.immersio.tenant.changeMemberRole.mutate({ userId: teacher.userId, role: 'ADMIN' }),
      () => teacher.trpc.immersio.tenant.removeMember.mutate({ userId: owner.userId }),
      () => teacher.trpc.immersio.tenant.transferOwnership.mutate({ userId: teacher.userId }),
    ];
    for (const call of refusals) {
      await expect(call()).rejects.toMatchObject({ data: { appCode: 'FORBIDDEN', httpStatus: 403 } });
    }
  });

  it('account: profile, sessions and a password change that signs the other sessions out', async () => {
    const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(400)] });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const elsewhere = await signInAs(server.baseUrl, DEMO_TEACHER);
    await nav(page).getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(DEMO_TEACHER.email);
    const sessions = page.getByRole('region', { name: 'Active sessions' });
    await sessions.getByText('This device').waitFor();
    await expect.poll(() => sessions.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page);

    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    // Issue 18: the staff member's language, for the e-mails they get.
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByRole('button', { name: 'Save profile' }).click();
    // The whole app switches to French at once (staff-languages.e2e.test.ts checks every screen).
    await page.getByRole('heading', { name: 'Votre compte', level: 1 }).waitFor();
    const saved = await elsewhere.trpc.viewer.me.query();
    expect(saved).toMatchObject({ timeZone: 'Europe/Berlin', language: 'fr' });
    await elsewhere.trpc.immersio.account.updateProfile.mutate({
      name: saved.name,
      timeZone: saved.timeZone,
      language: 'en',
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();

    // A wrong current password is the field's error, not a signed-out page.
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password').fill('jane-new-password-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Is not your current password').waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.getByLabel('Current password').fill(DEMO_TEACHER.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await toast(page, 'Password changed');
    await expect(elsewhere.trpc.viewer.me.query()).rejects.toMatchObject({
      data: { appCode: 'UNAUTHORIZED' },
    });
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1);
    expect(await sessions.getByRole('button', { name: 'Sign out everywhere else' }).isDisabled()).toBe(true);
    await signInAs(server.baseUrl, { email: DEMO_TEACHER.email, password: 'jane-new-password-1' });
    await expectAccessible(page);
    await screenshot(page, 'staff-account');
  });
});
