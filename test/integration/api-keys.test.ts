import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  handled,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcClient,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { createWorkshop } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';

// immersio.apiKey.*: a school's keys for server-to-server calls, used as `Bearer ibs_…` on tRPC
// (through @trpc/client) and on the staff REST routes, acting as ADMIN in the key's tenant only.

const app = useTestApp();
const MINUTE = 60_000;

let a: TenantFixture;
let b: TenantFixture;
let member: Awaited<ReturnType<typeof addSignedInMember>>;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
  member = await addSignedInMember(app, a.tenantId, 'MEMBER');
});

const exportCsv = (key: string) =>
  fetch(`${app.baseUrl}/api/v1/staff/bookings.csv`, { headers: { authorization: `Bearer ${key}` } });

const listed = async (t: TenantFixture) => (await t.owner.client.immersio.apiKey.list.query()).keys;

describe('creating, listing and using a key', () => {
  it('shows the key once, lists it without it, and acts as ADMIN of its school', async () => {
    const created = await a.owner.client.immersio.apiKey.create.mutate({ name: '  Nightly export  ' });
    expect(created).toMatchObject({ id: expect.any(Number), name: 'Nightly export', expiresAt: null });
    expect(created.key).toMatch(/^ibs_[0-9A-Za-z]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));

    const keys = await listed(a);
    expect(keys).toEqual([
      {
        id: created.id,
        name: 'Nightly export',
        prefix: created.prefix,
        createdAt: created.createdAt,
        expiresAt: null,
        lastUsedAt: null,
        createdBy: { id: a.owner.id, name: 'Owner' },
      },
    ]);
    expect(JSON.stringify(keys)).not.toContain(created.key.slice(12));

    const client = trpcClient(app.baseUrl, created.key);
    expect(await client.immersio.tenant.get.query()).toMatchObject({ id: a.tenantId, slug: a.slug });
    expect(await client.viewer.me.query()).toMatchObject({
      id: a.owner.id,
      activeTenantId: a.tenantId,
      memberships: [{ tenantId: a.tenantId, tenantSlug: a.slug, role: 'ADMIN' }],
      apiKey: { id: created.id, name: 'Nightly export', prefix: created.prefix },
    });
    // An admin-only write, recorded as done by the key's creator.
    const workshop = await client.immersio.workshop.create.mutate({
      title: 'Made by a script',
      duration: 60,
      price: 0,
      currency: 'USD',
      seats: 4,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
      teacherId: a.owner.id,
      startTime: new Date(Date.now() + 20 * 86_400_000),
      timeZone: 'Europe/Berlin',
    });
    expect(await a.owner.client.immersio.workshop.get.query({ workshopId: workshop.id })).toMatchObject({
      title: 'Made by a script',
    });

    const csv = await exportCsv(created.key);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });

  it('records the last use at most once a minute', async () => {
    const { id, key } = await a.owner.client.immersio.apiKey.create.mutate({ name: 'Last used' });
    const client = trpcClient(app.baseUrl, key);
    const lastUsed = async () => (await listed(a)).find((k) => k.id === id)?.lastUsedAt;

    await client.immersio.tenant.get.query();
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    app.clock.advance(30_000);
    await client.immersio.tenant.get.query();
    expect(await lastUsed()).toEqual(first);
    app.clock.advance(31_000);
    await client.immersio.tenant.get.query();
    expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(first!.getTime() + MINUTE);
  });

  it('refuses bad names, a past expiry and an unknown id', async () => {
    const owner = a.owner.client.immersio.apiKey;
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      expect(await trpcError(owner.create.mutate({ name }))).toMatchObject({
        appCode: 'VALIDATION_ERROR',
        httpStatus: 400,
      });
    }
    expect(await owner.create.mutate({ name: 'x'.repeat(100) })).toMatchObject({ name: 'x'.repeat(100) });
    expect(
      await trpcError(
        owner.create.mutate({ name: 'Past', expiresAt: new Date(app.clock.now().getTime() - 1000) }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', message: expect.stringContaining('expiresAt') });
    expect(await trpcError(owner.revoke.mutate({ id: 2_000_000_000 }))).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
  });
});

describe('who may do what', () => {
  it('keeps keys inside their school', async () => {
    const created = await a.owner.client.immersio.apiKey.create.mutate({ name: 'Only for A' });
    expect((await listed(b)).map((k) => k.id)).not.toContain(created.id);
    expect(await trpcError(b.owner.client.immersio.apiKey.revoke.mutate({ id: created.id }))).toMatchObject({
      appCode: 'NOT_FOUND',
    });

    const client = trpcClient(app.baseUrl, created.key);
    // The tenant comes from the key: B's ids are not found, and switching school is refused.
    const bWorkshop = await createWorkshop(b);
    expect(await trpcError(client.immersio.workshop.get.query({ workshopId: bWorkshop.id }))).toMatchObject({
      appCode: 'WORKSHOP_NOT_FOUND',
    });
    expect(await trpcError(client.viewer.switchTenant.mutate({ tenantId: b.tenantId }))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(await client.immersio.tenant.get.query()).toMatchObject({ id: a.tenantId });
  });

  it('lets only OWNER and ADMIN manage keys, and never a key itself', async () => {
    const { id, key } = await a.owner.client.immersio.apiKey.create.mutate({ name: 'Guarded' });
    const teacher = member.client.immersio.apiKey;
    for (const call of handled([
      teacher.list.query(),
      teacher.create.mutate({ name: 'Mine' }),
      teacher.revoke.mutate({ id }),
    ])) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    const admin = await addSignedInMember(app, a.tenantId, 'ADMIN');
    expect((await admin.client.immersio.apiKey.list.query()).keys.map((k) => k.id)).toContain(id);

    const byKey = trpcClient(app.baseUrl, key).immersio.apiKey;
    for (const call of handled([
      byKey.list.query(),
      byKey.create.mutate({ name: 'Child' }),
      byKey.revoke.mutate({ id }),
    ])) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    expect((await listed(a)).map((k) => k.id)).toContain(id);

    // Where the school's money goes is not a key's to change.
    const tenant = trpcClient(app.baseUrl, key).immersio;
    for (const call of handled([
      tenant.tenant.updateStripeCredentials.mutate({
        stripeAccountId: 'acct_attacker0001',
        stripePublishableKey: 'pk_test_attacker0001',
      }),
      tenant.payments.connectStripe.mutate(),
    ])) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
  });

  it('refuses a revoked, an expired and an unknown key with 401, on tRPC and REST', async () => {
    const revoked = await a.owner.client.immersio.apiKey.create.mutate({ name: 'To revoke' });
    const client = trpcClient(app.baseUrl, revoked.key);
    await client.immersio.tenant.get.query();
    expect(await a.owner.client.immersio.apiKey.revoke.mutate({ id: revoked.id })).toEqual({ success: true });
    expect(await trpcError(client.immersio.tenant.get.query())).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
    expect((await exportCsv(revoked.key)).status).toBe(401);
    expect((await listed(a)).map((k) => k.id)).not.toContain(revoked.id);
    expect(await trpcError(a.owner.client.immersio.apiKey.revoke.mutate({ id: revoked.id }))).toMatchObject({
      appCode: 'NOT_FOUND',
    });

    const expiring = await a.owner.client.immersio.apiKey.create.mutate({
      name: 'Expiring',
      expiresAt: new Date(app.clock.now().getTime() + 60 * MINUTE),
    });
    const expiringClient = trpcClient(app.baseUrl, expiring.key);
    await expiringClient.immersio.tenant.get.query();
    app.clock.advance(61 * MINUTE);
    expect(await trpcError(expiringClient.immersio.tenant.get.query())).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
    expect((await exportCsv(expiring.key)).status).toBe(401);

    const unknown = `ibs_${'0'.repeat(43)}`;
    expect(await trpcError(trpcClient(app.baseUrl, unknown).immersio.tenant.get.query())).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ env: { RATE_LIMIT_AUTHENTICATED: '3' } });
  });
  afterAll(() => limited?.close());

  it('counts a key against its own budget, as a signed-in user is counted', async () => {
    const school = await createTenant(limited);
    const { key } = await school.owner.client.immersio.apiKey.create.mutate({ name: 'Busy script' });
    const client = trpcClient(limited.baseUrl, key);
    for (let i = 0; i < 3; i += 1) await client.immersio.tenant.get.query();
    expect(await trpcError(client.immersio.tenant.get.query())).toMatchObject({
      appCode: 'RATE_LIMITED',
      httpStatus: 429,
    });
    const csv = await fetch(`${limited.baseUrl}/api/v1/staff/bookings.csv`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(csv.status).toBe(429);
    // The creator's own budget is separate: the script did not use it up.
    expect((await school.owner.client.immersio.apiKey.list.query()).keys).toHaveLength(1);
  });
});

// Two instances on one database and one Redis: a revocation on one is honoured on the other at once.
describe.skipIf(!process.env.REDIS_URL)('two instances sharing Redis', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const redisPrefix = `ibs-test-api-keys-${randomUUID()}:`;
    one = await startTestApp({ database, redisPrefix });
    two = await startTestApp({ database, redisPrefix });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await two?.database.close();
  });

  it('refuses a key on the second instance as soon as the first revokes it', async () => {
    const school = await createTenant(one);
    const { id, key } = await school.owner.client.immersio.apiKey.create.mutate({ name: 'Shared' });
    const onTwo = trpcClient(two.baseUrl, key);
    // Cached on the second instance.
    expect(await onTwo.immersio.tenant.get.query()).toMatchObject({ id: school.tenantId });
    expect(await onTwo.immersio.tenant.get.query()).toMatchObject({ id: school.tenantId });

    await school.owner.client.immersio.apiKey.revoke.mutate({ id });
    // The revocation reaches the second instance over Redis pub/sub, which a request sent the
    // moment revoke answers can beat by a few milliseconds on a loaded machine. Without the bus the
    // cached key would be honoured for its whole TTL, so a second still tells the two apart.
    await vi.waitFor(
      async () =>
        expect(await trpcError(onTwo.immersio.tenant.get.query())).toMatchObject({ appCode: 'UNAUTHORIZED' }),
      { timeout: 1_000, interval: 10 },
    );
    expect(await trpcError(trpcClient(one.baseUrl, key).immersio.tenant.get.query())).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
  });
});
