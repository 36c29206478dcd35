import { TRPCClientError } from '@trpc/client';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { createDemoWorkshop, signInAs, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's Immersio screen against the Immersio simulator: an owner connects (a wrong key
// first: the test result says why), syncs (the running sync's progress, then the history row),
// maps a course to a workshop (the live student count), opens a webhook that failed, reads its
// payload and attempts and redelivers it, then reveals, copies and rotates the signing secret.
// A teacher sees no such page and the server refuses their calls.

const ORG = { id: 'org_e2e_academy', name: 'Academy on Immersio', apiKey: 'imm_test_e2e_academy' };
const COURSE = 'Business English B2';
const WORKSHOP = 'Business English';
/** Two pages of the simulator's courses (50 a page), so the sync's progress has a step to show. */
const COURSE_COUNT = 60;

let server: E2eServer;
let receiver: WebhookReceiver;
let courseId: string;
beforeAll(async () => {
  server = await startE2eServer({ immersio: true });
  receiver = await startReceiver();
  const sim = server.immersio!;
  sim.addOrg(ORG);
  const course = sim.addCourse(ORG.id, { name: COURSE }, { webhook: false });
  courseId = course.id;
  for (const n of [1, 2, 3]) {
    sim.enroll(
      ORG.id,
      course.id,
      { email: `student${n}@example.test`, name: `Student ${n}` },
      { webhook: false },
    );
  }
  for (let i = 1; i < COURSE_COUNT; i++) {
    sim.addCourse(ORG.id, { name: `Course ${String(i).padStart(2, '0')}` }, { webhook: false });
  }
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const browser = useBrowser();

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { appCode: string }).appCode;
    throw error;
  }
}

const main = (page: Page) => page.getByRole('main');
const section = (page: Page, name: string) => main(page).getByRole('region', { name, exact: true });

describe('staff Immersio', () => {
  it('an owner connects, syncs, maps a course, redelivers a webhook and rotates the secret', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Immersio' }).click();
    await page.getByRole('heading', { name: 'Immersio', level: 1 }).waitFor();
    const connection = section(page, 'Connect Immersio');
    await connection.waitFor();
    await expectAccessible(page);

    // The procedure's schema checks the form before anything is sent.
    await connection.getByRole('button', { name: 'Test and connect' }).click();
    await connection.getByText('Required').first().waitFor();
    await connection.getByLabel('Webhook URL (optional)').fill('not a url');
    await connection.getByRole('button', { name: 'Test and connect' }).click();
    await connection.getByText('Must be an http(s) URL').waitFor();
    await expectAccessible(page);

    // A wrong key: the test fails, with Immersio's reason, and nothing is saved.
    await connection.getByLabel('Organisation id').fill(ORG.id);
    await connection.getByLabel('API key').fill('imm_wrong_key');
    await connection.getByLabel('Webhook URL (optional)').fill(`${receiver.url}/immersio`);
    await connection.getByRole('button', { name: 'Test and connect' }).click();
    await connection.getByRole('alert').filter({ hasText: 'Connection test failed' }).waitFor();
    await expectAccessible(page);

    await connection.getByLabel('API key').fill(ORG.apiKey);
    await connection.getByRole('button', { name: 'Test and connect' }).click();
    const connected = section(page, 'Connected to Immersio');
    await connected
      .getByRole('status')
      .filter({ hasText: `Connected to ${ORG.name}, which has ${COURSE_COUNT} courses` })
      .waitFor();
    await connected.getByText(ORG.id, { exact: true }).waitFor();
    await connected.getByText(`${receiver.url}/immersio`).waitFor();
    await section(page, 'Course sync').getByText('No syncs yet').waitFor();
    await section(page, 'Courses').getByText('No courses yet').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-immersio-connected');

    // Sync now: each page of courses is slow, so the progress between the two shows.
    const sync = section(page, 'Course sync');
    server.immersio!.failNext('courses', { delayMs: 1500, times: 2 });
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await sync.getByRole('status').filter({ hasText: 'Syncing courses… 50 courses so far' }).waitFor();
    await sync.getByRole('progressbar', { name: 'Course sync progress' }).waitFor();
    await expectAccessible(page);
    await page.getByText('Courses synced').first().waitFor();
    const history = sync.getByRole('table', { name: 'Sync history, newest first' });
    const syncRow = history.getByRole('row').filter({ hasText: 'Courses' });
    await syncRow.getByText('Completed').waitFor();
    expect(await syncRow.getByRole('cell').nth(3).textContent()).toBe(String(COURSE_COUNT));
    expect(await sync.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);

    // The courses, with the synced student counts; map one to a workshop.
    const courses = section(page, 'Courses');
    const courseRow = courses.getByRole('row').filter({ hasText: COURSE });
    await courseRow.getByText('3 students').waitFor();
    await courseRow.getByText('Not mapped').waitFor();
    await courses.getByLabel('Find a course').fill('english b2');
    await expect.poll(() => courses.getByRole('row').count()).toBe(2);
    await expectAccessible(page);
    // A fourth student enrolled since the sync: mapping reads the course's students live.
    server.immersio!.enroll(
      ORG.id,
      courseId,
      { email: 'student4@example.test', name: 'Student 4' },
      { webhook: false },
    );
    await courseRow.getByRole('button', { name: `Map ${COURSE} to a workshop` }).click();
    const mapDialog = page.getByRole('dialog', { name: `Map “${COURSE}”` });
    await mapDialog.getByRole('button', { name: 'Map course' }).click();
    await mapDialog.getByText('Choose a workshop.').waitFor();
    await mapDialog.getByLabel('Workshop', { exact: true }).selectOption({ label: WORKSHOP });
    await expectAccessible(page);
    await mapDialog.getByRole('button', { name: 'Map course' }).click();
    await page.getByText(`“${COURSE}” mapped to “${WORKSHOP}”`).first().waitFor();
    await courseRow.getByText('4 students').waitFor();
    await courseRow.getByRole('button', { name: `Unmap ${WORKSHOP}` }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-immersio-mapped');
    const admin = await signInDemoAdmin(server.baseUrl);
    const mapped = await admin.trpc.immersio.workshop.list.query({ immersioCourseId: courseId });
    expect(mapped.workshops.map((w) => w.title)).toEqual([WORKSHOP]);
    const whitelist = await admin.trpc.immersio.workshop.getWhitelist.query({
      workshopId: mapped.workshops[0]!.id,
    });
    expect(JSON.stringify(whitelist)).toContain('student4@example.test');

    // A webhook the receiver refuses (not retried for an hour): listed as failed, with its payload.
    receiver.reply = () => ({ status: 500, headers: { 'retry-after': '3600' } });
    await createDemoWorkshop(admin, { title: 'Webhook Workshop' });
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 10_000 });
    await page.reload();
    const deliveries = section(page, 'Webhooks sent to Immersio');
    await deliveries.getByLabel('Status').selectOption({ label: 'Failed, will retry' });
    const deliveryRow = deliveries.getByRole('row').filter({ hasText: 'WORKSHOP_CREATED' });
    await deliveryRow.getByText('HTTP 500').waitFor();
    await expectAccessible(page);
    await deliveryRow.getByRole('button', { name: /^View WORKSHOP_CREATED/ }).click();
    const delivery = page.getByRole('dialog', { name: /^WORKSHOP_CREATED msg_/ });
    const webhookId = (await delivery.getByRole('heading').first().textContent())!.split(' ')[1]!;
    expect(webhookId).toBe(receiver.received[0]!.headers['webhook-id']);
    await delivery.getByText('"title": "Webhook Workshop"').waitFor();
    await delivery
      .getByRole('table', { name: 'Delivery attempts, oldest first' })
      .getByText('HTTP 500')
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-immersio-delivery');

    // Redelivered now, with the same webhook id.
    receiver.reply = () => ({ status: 200, body: 'ok' });
    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('WORKSHOP_CREATED queued to be sent again').first().waitFor();
    await vi.waitFor(() => expect(receiver.received).toHaveLength(2), { timeout: 10_000 });
    const [first, second] = receiver.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    await delivery.getByRole('button', { name: 'Close' }).click();
    await deliveries.getByLabel('Status').selectOption({ label: 'All statuses' });
    // Older events (the demo's workshops, before the connection) were never sent, and say so.
    await deliveries.getByText('Not sent').first().waitFor();
    await deliveries
      .getByRole('row')
      .filter({ hasText: webhookId })
      .getByText('Delivered')
      .waitFor({ timeout: 10_000 });
    const redelivered = deliveries.getByRole('row').filter({ hasText: webhookId });
    expect(await redelivered.getByRole('cell').nth(2).textContent()).toBe('2');

    // The signing secret: hidden until asked for, then copyable; it signed what was sent.
    const secretCard = section(page, 'Signing secret');
    expect(await secretCard.getByLabel('Signing secret').count()).toBe(0);
    await secretCard.getByRole('button', { name: 'Reveal secret' }).click();
    const secret = await secretCard.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>)).toMatchObject(
      { event: 'WORKSHOP_CREATED' },
    );
    await secretCard.getByRole('button', { name: 'Copy secret' }).click();
    await secretCard.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page);
    await secretCard.getByRole('button', { name: 'Hide secret' }).click();
    expect(await page.content()).not.toContain(secret);

    // Rotated after a confirmation that says receivers must be given the new one.
    await secretCard.getByRole('button', { name: 'Rotate secret' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the signing secret?' });
    await rotate.getByText('Receivers must be updated').waitFor();
    await expectAccessible(page);
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText('Signing secret rotated').first().waitFor();
    const rotated = await secretCard.getByLabel('Signing secret').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    expect((await admin.trpc.immersio.integration.getWebhookSecret.query()).secret).toBe(rotated);
    await expectAccessible(page);
    await screenshot(page, 'staff-immersio-secret');
  });

  it('fits a phone', async () => {
    const page = await browser.newPage({ bypassCSP: true, mobile: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/immersio`);
    await section(page, 'Connected to Immersio').waitFor();
    await section(page, 'Courses').getByRole('row').filter({ hasText: COURSE }).waitFor();
    await expectNoHorizontalScroll(page, 375);
    await expectAccessible(page);
    await screenshot(page, 'staff-immersio-375');
  });

  it('a teacher sees no Immersio page and the server refuses their calls', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Calendar' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Immersio' }).count()).toBe(0);

    await page.goto(`${server.baseUrl}/app/immersio`);
    await page.getByText('Not allowed').waitFor();
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await expectAccessible(page);

    const teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
    const c = teacher.trpc.immersio.integration;
    const calls = [
      () => c.getConnection.query(),
      () => c.connect.mutate({ immersioOrgId: ORG.id, apiKey: ORG.apiKey }),
      () => c.syncCourses.mutate({ fullSync: false }),
      () => c.getSyncHistory.query({}),
      () => c.mapCourse.mutate({ workshopId: 1, immersioCourseId: courseId }),
      () => c.listDeliveries.query({}),
      () => c.redeliver.mutate({ messageId: 1 }),
      () => c.getWebhookSecret.query(),
      () => c.rotateWebhookSecret.mutate(),
    ];
    for (const call of calls) expect(await outcome(call())).toBe('FORBIDDEN');
  });
});
