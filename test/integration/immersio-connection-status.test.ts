import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImmersioSimulator, startImmersioSimulator } from '../../dev/immersio-simulator/simulator.ts';
import { SYNC_PROGRESS_EVERY } from '../../src/modules/immersio/sync-progress.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TestApp,
  trpcClient,
  trpcError,
  unique,
} from '../support/app.ts';

// What the staff app's Immersio screen adds to the server: `immersio.integration.getConnection`
// (beyond the spec) and a running course sync's counts in getSyncHistory.

let sim: ImmersioSimulator;
let app: TestApp;
beforeAll(async () => {
  sim = await startImmersioSimulator({});
  app = await startTestApp({ env: { IMMERSIO_API_URL: sim.url, ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function connectedSchool(webhookUrl?: string) {
  const t = await createTenant(app);
  const orgId = unique('org');
  const apiKey = `imm_test_${unique('key')}`;
  sim.addOrg({ id: orgId, name: `Org ${orgId}`, apiKey });
  const result = await t.owner.client.immersio.integration.connect.mutate({
    immersioOrgId: orgId,
    apiKey,
    ...(webhookUrl && { webhookUrl }),
  });
  expect(result.success).toBe(true);
  return { ...t, orgId, apiKey };
}

describe('immersio.integration.getConnection', () => {
  it('is null before connecting', async () => {
    const t = await createTenant(app);
    expect(await t.owner.client.immersio.integration.getConnection.query()).toEqual({ connection: null });
  });

  it('shows the organisation, webhook URL and times, never the key or the secret', async () => {
    const s = await connectedSchool('http://127.0.0.1:9/hooks');
    const before = Date.now();
    const { connection } = await s.owner.client.immersio.integration.getConnection.query();
    expect(connection).toEqual({
      immersioOrgId: s.orgId,
      orgName: `Org ${s.orgId}`,
      webhookUrl: 'http://127.0.0.1:9/hooks',
      connectedAt: expect.any(Date),
      coursesSyncedAt: null,
      webhookDisabledAt: null,
      webhookSecretRotatedAt: expect.any(Date),
    });
    expect(connection!.connectedAt.getTime()).toBeLessThanOrEqual(before);
    const { secret } = await s.owner.client.immersio.integration.getWebhookSecret.query();
    expect(JSON.stringify(connection)).not.toContain(s.apiKey);
    expect(JSON.stringify(connection)).not.toContain(secret);

    await s.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    const synced = await s.owner.client.immersio.integration.getConnection.query();
    expect(synced.connection!.coursesSyncedAt).toBeInstanceOf(Date);
  });

  it('answers each school its own connection', async () => {
    const a = await connectedSchool();
    const b = await createTenant(app);
    expect((await a.owner.client.immersio.integration.getConnection.query()).connection?.immersioOrgId).toBe(
      a.orgId,
    );
    expect(await b.owner.client.immersio.integration.getConnection.query()).toEqual({ connection: null });
  });

  it('is for owners and admins only', async () => {
    const s = await connectedSchool();
    const member = await addSignedInMember(app, s.tenantId, 'MEMBER');
    expect(await trpcError(member.client.immersio.integration.getConnection.query())).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    const admin = await addSignedInMember(app, s.tenantId, 'ADMIN');
    expect((await admin.client.immersio.integration.getConnection.query()).connection?.immersioOrgId).toBe(
      s.orgId,
    );
    expect(await trpcError(trpcClient(app.baseUrl).immersio.integration.getConnection.query())).toMatchObject(
      { appCode: 'UNAUTHORIZED' },
    );
  });
});

describe('a running course sync', () => {
  it('shows its counts in getSyncHistory before it ends', async () => {
    const s = await connectedSchool();
    // Two pages of courses (the simulator's page is 50); the second page is slow to come.
    for (let i = 0; i < 60; i++) sim.addCourse(s.orgId, { name: `Course ${i}` }, { webhook: false });
    // Each page is slow to come: between the two, the first page's 50 courses are recorded.
    sim.failNext('courses', { delayMs: 800, times: 2 });
    const c = s.owner.client.immersio.integration;
    const sync = c.syncCourses.mutate({ fullSync: true });
    await waitFor(async () => {
      const [log] = (await c.getSyncHistory.query({ syncType: 'courses' })).logs;
      return log?.status === 'running' && log.recordsProcessed === 50 - (50 % SYNC_PROGRESS_EVERY);
    });
    expect(await sync).toMatchObject({ status: 'completed', coursesFound: 60, coursesCreated: 60 });
    const [done] = (await c.getSyncHistory.query({ syncType: 'courses' })).logs;
    expect(done).toMatchObject({ status: 'completed', recordsProcessed: 60, recordsFailed: 0 });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
