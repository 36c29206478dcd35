import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { enqueue } from '../../src/modules/outbox/enqueue.ts';
import { addSignedInMember, type Client, createTenant, trpcError, useTestApp } from '../support/app.ts';
import { createWorkshop } from '../support/bookings.ts';
import { insertIntegration, startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

// immersio.integration.listDeliveries / redeliver / getWebhookSecret / rotateWebhookSecret.

const app = useTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

async function connectedTenant(options: { secret?: boolean } = {}) {
  const t = await createTenant(app);
  const path = `/hooks/${t.slug}`;
  const integration = await insertIntegration(app.database.db, {
    tenantId: t.tenantId,
    appSecret: app.running.container.env.APP_SECRET,
    webhookUrl: `${receiver.url}/${t.slug}`,
  });
  if (options.secret === false) {
    await app.database.db.execute(
      sql`update immersio_integrations set webhook_secret_sealed = null, webhook_secret_rotated_at = null
          where id = ${integration.integrationId}`,
    );
  }
  return { ...t, ...integration, path };
}

/** Each of the four procedures, called when the returned function is. */
function calls(client: Client) {
  const c = client.immersio.integration;
  return [
    () => c.listDeliveries.query({}),
    () => c.redeliver.mutate({ messageId: 1 }),
    () => c.getWebhookSecret.query(),
    () => c.rotateWebhookSecret.mutate(),
  ];
}

const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

function event(tenantId: number, n: number, name = 'BOOKING_CREATED') {
  return {
    event: name,
    timestamp: new Date().toISOString(),
    data: { booking: { id: n }, tenant: { id: tenantId } },
  };
}

async function send(tenantId: number, n: number, name?: string) {
  const id = await app.database.db.transaction((tx) =>
    enqueue(tx, { kind: 'webhook', tenantId, payload: event(tenantId, n, name) }),
  );
  app.running.worker.wake();
  return id;
}

describe('webhook administration', () => {
  it('needs a connected integration', async () => {
    const t = await createTenant(app);
    for (const call of calls(t.owner.client)) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'IMMERSIO_NOT_CONNECTED', httpStatus: 400 });
    }
  });

  it('is for owners and admins only', async () => {
    const t = await connectedTenant();
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    for (const call of calls(member.client)) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    expect((await admin.client.immersio.integration.getWebhookSecret.query()).secret).toBe(t.secret);
  });

  it('reads and rotates the signing secret; the next delivery is signed with the new one', async () => {
    const t = await connectedTenant();
    const c = t.owner.client.immersio.integration;
    const current = await c.getWebhookSecret.query();
    expect(current.secret).toBe(t.secret);
    expect(current.rotatedAt).toBeInstanceOf(Date);

    const rotated = await c.rotateWebhookSecret.mutate();
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.secret).not.toBe(t.secret);
    expect(rotated.rotatedAt!.getTime()).toBeGreaterThanOrEqual(current.rotatedAt!.getTime());
    expect(await c.getWebhookSecret.query()).toEqual(rotated);
    // Stored sealed, never in the clear.
    const [row] = await queryRows<{ sealed: string }>(
      app.database.db,
      sql`select webhook_secret_sealed as sealed from immersio_integrations where id = ${t.integrationId}`,
    );
    expect(row!.sealed).not.toContain(rotated.secret.slice(6, 20));

    await send(t.tenantId, 1);
    await vi.waitFor(() => expect(receivedAt(t.path)).toHaveLength(1), { timeout: 5000 });
    const [request] = receivedAt(t.path);
    const headers = request!.headers as Record<string, string>;
    expect(new Webhook(rotated.secret).verify(request!.body, headers)).toMatchObject({
      event: 'BOOKING_CREATED',
    });
    expect(() => new Webhook(t.secret).verify(request!.body, headers)).toThrow();
  });

  it('gives an integration stored without a secret one, once', async () => {
    const t = await connectedTenant({ secret: false });
    const c = t.owner.client.immersio.integration;
    const [a, b] = await Promise.all([c.getWebhookSecret.query(), c.getWebhookSecret.query()]);
    expect(a.secret).toMatch(/^whsec_/);
    expect(b).toEqual(a);
    expect(await c.getWebhookSecret.query()).toEqual(a);
  });

  it('lists messages with their attempts, filtered and paged; another tenant sees none of them', async () => {
    const t = await connectedTenant();
    const other = await connectedTenant();
    // Events 0 and 2 are refused with 500 (and not retried for an hour), the rest are delivered.
    receiver.reply = (r) =>
      r.path === t.path && [0, 2].includes(JSON.parse(r.body).data.booking?.id)
        ? { status: 500, headers: { 'retry-after': '3600' } }
        : { status: 200 };
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await send(t.tenantId, i, i === 4 ? 'BOOKING_CANCELLED' : undefined));
    await createWorkshop(t);
    await send(other.tenantId, 99);
    await vi.waitFor(
      async () => {
        const [row] = await queryRows<{ n: number }>(
          app.database.db,
          sql`select count(*)::int as n from outbox where tenant_id = ${t.tenantId} and kind = 'webhook' and attempts > 0`,
        );
        expect(row?.n).toBe(6);
      },
      { timeout: 5000 },
    );
    const c = t.owner.client.immersio.integration;

    const all = await c.listDeliveries.query({});
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((m) => m.event)).toEqual([
      'WORKSHOP_CREATED',
      'BOOKING_CANCELLED',
      'BOOKING_CREATED',
      'BOOKING_CREATED',
      'BOOKING_CREATED',
      'BOOKING_CREATED',
    ]);
    const failed = all.items.find((m) => m.messageId === ids[0])!;
    expect(failed).toMatchObject({
      webhookId: `msg_${ids[0]}`,
      status: 'failed',
      attempts: 1,
      lastError: 'WebhookDeliveryError: HTTP 500',
      deliveredAt: null,
      payload: expect.objectContaining({ event: 'BOOKING_CREATED', data: event(t.tenantId, 0).data }),
      deliveries: [
        expect.objectContaining({
          attempt: 1,
          statusCode: 500,
          error: 'HTTP 500',
          url: `${receiver.url}/${t.slug}`,
        }),
      ],
    });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    const delivered = all.items.find((m) => m.messageId === ids[1])!;
    expect(delivered).toMatchObject({
      status: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
    });
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
    expect(delivered.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, error: null }),
    ]);

    expect((await c.listDeliveries.query({ status: 'failed' })).items.map((m) => m.messageId)).toEqual([
      ids[2],
      ids[0],
    ]);
    expect((await c.listDeliveries.query({ status: 'delivered' })).items).toHaveLength(4);
    expect((await c.listDeliveries.query({ status: 'dead' })).items).toEqual([]);
    expect((await c.listDeliveries.query({ status: 'pending' })).items).toEqual([]);
    expect(
      (await c.listDeliveries.query({ event: 'BOOKING_CANCELLED' })).items.map((m) => m.messageId),
    ).toEqual([ids[4]]);

    const page1 = await c.listDeliveries.query({ limit: 4 });
    expect(page1.items).toHaveLength(4);
    expect(page1.nextCursor).toBe(page1.items[3]!.messageId);
    const page2 = await c.listDeliveries.query({ limit: 4, cursor: page1.nextCursor! });
    expect(page2.items.map((m) => m.messageId)).toEqual([ids[1], ids[0]]);
    expect(page2.nextCursor).toBeNull();

    const theirs = await other.owner.client.immersio.integration.listDeliveries.query({});
    expect(theirs.items.map((m) => m.payload)).toEqual([
      expect.objectContaining({ data: event(other.tenantId, 99).data }),
    ]);

    for (const input of [{ limit: 0 }, { limit: 101 }, { cursor: -1 }, { status: 'lost' }, { event: 'X' }]) {
      expect(await trpcError(c.listDeliveries.query(input as never))).toMatchObject({ httpStatus: 400 });
    }
    receiver.reply = () => ({ status: 200 });
  });

  it('redelivers a message now with the same webhook id; another tenant’s id is 404', async () => {
    const t = await connectedTenant();
    const other = await connectedTenant();
    const id = await send(t.tenantId, 7);
    await vi.waitFor(() => expect(receivedAt(t.path)).toHaveLength(1), { timeout: 5000 });
    await vi.waitFor(
      async () =>
        expect((await t.owner.client.immersio.integration.listDeliveries.query({})).items[0]?.status).toBe(
          'delivered',
        ),
      { timeout: 5000 },
    );

    const requeued = await t.owner.client.immersio.integration.redeliver.mutate({ messageId: id });
    expect(requeued).toMatchObject({ messageId: id, webhookId: `msg_${id}`, attempts: 0 });
    expect(['pending', 'delivered']).toContain(requeued.status);
    await vi.waitFor(() => expect(receivedAt(t.path)).toHaveLength(2), { timeout: 5000 });
    const [first, second] = receivedAt(t.path);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
    await vi.waitFor(
      async () => {
        const [item] = (await t.owner.client.immersio.integration.listDeliveries.query({})).items;
        expect(item).toMatchObject({ status: 'delivered', attempts: 1 });
        expect(item!.deliveries.map((d) => [d.attempt, d.statusCode])).toEqual([
          [1, 200],
          [1, 200],
        ]);
      },
      { timeout: 5000 },
    );

    // Another tenant's message, a missing one and a non-webhook message are all 404.
    const email = await enqueue(app.database.db, {
      kind: 'never-handled',
      tenantId: t.tenantId,
      payload: {},
    });
    for (const messageId of [id, 999_999_999]) {
      expect(
        await trpcError(other.owner.client.immersio.integration.redeliver.mutate({ messageId })),
      ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    }
    expect(
      await trpcError(t.owner.client.immersio.integration.redeliver.mutate({ messageId: email })),
    ).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
    expect(receivedAt(other.path)).toEqual([]);
    expect(receivedAt(t.path)).toHaveLength(2);
  });

  it('does not redeliver to an endpoint disabled by 410', async () => {
    const t = await connectedTenant();
    receiver.reply = (r) => (r.path === t.path ? { status: 410 } : { status: 200 });
    const id = await send(t.tenantId, 1);
    await vi.waitFor(
      async () => {
        const [row] = await queryRows<{ disabled: Date | null }>(
          app.database.db,
          sql`select webhook_disabled_at as disabled from immersio_integrations where id = ${t.integrationId}`,
        );
        expect(row?.disabled).not.toBeNull();
      },
      { timeout: 5000 },
    );
    expect(
      await trpcError(t.owner.client.immersio.integration.redeliver.mutate({ messageId: id })),
    ).toMatchObject({
      appCode: 'CONFLICT',
      httpStatus: 409,
    });
    receiver.reply = () => ({ status: 200 });
  });
});
