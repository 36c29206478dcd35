import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DatabaseHandle, openDatabase, queryRows } from '../../src/db/client.ts';
import { enqueue } from '../../src/modules/outbox/enqueue.ts';
import { getMessage } from '../../src/modules/outbox/outbox.repo.ts';
import { createTenant, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop } from '../support/bookings.ts';
import {
  insertIntegration,
  nowMs,
  startReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver.ts';

// Outgoing webhooks end to end: real events from the API, the app's own worker, a local receiver.

const app = useTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

// Each tenant gets its own path: tenants of the two databases below may share ids.

async function connectedTenant(target: TestApp = app) {
  const t = await createTenant(target);
  const path = `/hooks/${t.slug}`;
  const { secret, integrationId } = await insertIntegration(target.database.db, {
    tenantId: t.tenantId,
    appSecret: target.running.container.env.APP_SECRET,
    webhookUrl: `${receiver.url}/${t.slug}`,
  });
  return { ...t, secret, integrationId, path };
}

function receivedFor(t: { path: string }, event?: string) {
  return receiver.received.filter(
    (r) =>
      r.path === t.path && (event === undefined || (JSON.parse(r.body) as { event: string }).event === event),
  );
}

describe('outgoing webhooks', () => {
  it('delivers the events with every header; standardwebhooks and our sha256= signature verify', async () => {
    const t = await connectedTenant();
    const workshop = await createWorkshop(t);
    await vi.waitFor(() => expect(receivedFor(t, 'WORKSHOP_CREATED')).toHaveLength(1), {
      timeout: 5000,
    });
    const booked = await book(app, bookingRequest(t, workshop, 'ana@example.test'));
    expect(booked.status).toBe(201);
    await vi.waitFor(() => expect(receivedFor(t, 'BOOKING_CREATED')).toHaveLength(1), {
      timeout: 5000,
    });

    const [outboxRow] = await queryRows<{ id: string | number; payload: unknown }>(
      app.database.db,
      sql`select id, payload from outbox where tenant_id = ${t.tenantId} and kind = 'webhook'
          and payload->>'event' = 'WORKSHOP_CREATED'`,
    );
    const request = receivedFor(t, 'WORKSHOP_CREATED')[0]!;
    const h = request.headers;
    expect(request.path).toBe(t.path);
    expect(h['content-type']).toBe('application/json');
    expect(h['x-webhook-id']).toBe(`msg_${outboxRow!.id}`);
    expect(h['webhook-id']).toBe(h['x-webhook-id']);
    const ts = Number(h['x-webhook-timestamp']);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(10);
    expect(h['webhook-timestamp']).toBe(h['x-webhook-timestamp']);
    expect(h['x-webhook-signature']).toBe(
      `sha256=${createHmac('sha256', t.secret).update(`${ts}.${request.body}`).digest('hex')}`,
    );
    expect(h['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(request.body).toMatch(/^\{"event":"WORKSHOP_CREATED","timestamp":"[^"]+","data":\{/);
    const verified = new Webhook(t.secret).verify(request.body, h as Record<string, string>);
    // The spec's payload, exactly as written to the outbox.
    expect(verified).toEqual(outboxRow!.payload);
    expect(verified).toMatchObject({
      event: 'WORKSHOP_CREATED',
      data: {
        workshop: { id: workshop.id, slug: workshop.slug, title: 'Evening Spanish', seats: 8 },
        tenant: { id: t.tenantId, slug: t.slug },
      },
    });
    const booking = JSON.parse(receivedFor(t, 'BOOKING_CREATED')[0]!.body);
    expect(booking.data.booking).toMatchObject({ uid: booked.body.booking.uid, status: 'accepted' });

    // The receiver sees the request before the worker has recorded the answer: wait for the record.
    await vi.waitFor(
      async () => {
        const attempts = await queryRows<{
          attempt: number;
          status_code: number;
          error: string | null;
          webhook_id: string;
        }>(
          app.database.db,
          sql`select attempt, status_code, error, webhook_id, duration_ms from webhook_deliveries
              where outbox_id = ${outboxRow!.id}`,
        );
        expect(attempts).toEqual([
          expect.objectContaining({
            attempt: 1,
            status_code: 200,
            error: null,
            webhook_id: `msg_${outboxRow!.id}`,
          }),
        ]);
        expect(await getMessage(app.database.db, Number(outboxRow!.id))).toMatchObject({
          status: 'delivered',
          attempts: 1,
        });
      },
      { timeout: 5000 },
    );
  });

  it('sends nothing for a tenant without an integration, and records nothing', async () => {
    const t = await createTenant(app);
    await createWorkshop(t);
    await vi.waitFor(
      async () => {
        const [row] = await queryRows<{ status: string }>(
          app.database.db,
          sql`select status from outbox where tenant_id = ${t.tenantId} and kind = 'webhook'`,
        );
        expect(row?.status).toBe('delivered');
      },
      { timeout: 5000 },
    );
    expect(receiver.received.filter((r) => r.path.endsWith(t.slug))).toEqual([]);
    const [count] = await queryRows<{ n: number }>(
      app.database.db,
      sql`select count(*)::int as n from webhook_deliveries where tenant_id = ${t.tenantId}`,
    );
    expect(count?.n).toBe(0);
  });
});

describe('wake on commit', () => {
  // A poll far longer than the target: only the wake-up can deliver in time.
  let slow: TestApp;
  let other: DatabaseHandle | undefined;
  beforeAll(async () => {
    slow = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true', OUTBOX_POLL_MS: '60000' } });
    const url = (slow.database as DatabaseHandle & { url?: string }).url;
    // On PostgreSQL the messages are committed through another pool, as another instance would.
    if (url) other = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
  });
  afterAll(async () => {
    await other?.close();
    await slow?.close();
  });

  it('a committed message reaches the receiver within 100 ms', async () => {
    const t = await connectedTenant(slow);
    const writer = (other ?? slow.database).db;
    // Warm up: the first delivery opens connections.
    await writer.transaction((tx) =>
      enqueue(tx, { kind: 'webhook', tenantId: t.tenantId, payload: event(t.tenantId, 0) }),
    );
    await vi.waitFor(() => expect(receivedFor(t)).toHaveLength(1), { timeout: 5000 });

    const latencies: number[] = [];
    for (let i = 1; i <= 20; i++) {
      await writer.transaction((tx) =>
        enqueue(tx, { kind: 'webhook', tenantId: t.tenantId, payload: event(t.tenantId, i) }),
      );
      const committed = nowMs();
      await vi.waitFor(() => expect(receivedFor(t)).toHaveLength(i + 1), { timeout: 2000, interval: 1 });
      latencies.push(receivedFor(t)[i]!.receivedAt - committed);
    }
    latencies.sort((a, b) => a - b);
    const p50 = latencies[10]!;
    const p90 = latencies[18]!;
    const max = latencies[latencies.length - 1]!;
    console.log(
      `wake latency (${slow.database.kind}): p50 ${p50.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${max.toFixed(1)} ms over 20 messages`,
    );
    expect(p50).toBeLessThan(100);
    // Every one far below the 60 s poll: woken, not polled. (A loaded 2-core machine has the odd
    // slow one, so the single worst is not held to 100 ms.)
    expect(max).toBeLessThan(1000);
  });
});

describe('two workers on one database', () => {
  let second: TestApp;
  beforeAll(async () => {
    second = await startTestApp({ database: app.database, env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
  });
  afterAll(() => second?.close());

  it('never deliver one attempt twice', async () => {
    const t = await connectedTenant();
    const n = 200;
    // Written by both instances' connections, 20 per transaction.
    for (let batch = 0; batch < n / 20; batch++) {
      const db = (batch % 2 ? second : app).database.db;
      await db.transaction(async (tx) => {
        for (let i = 0; i < 20; i++) {
          await enqueue(tx, {
            kind: 'webhook',
            tenantId: t.tenantId,
            payload: event(t.tenantId, batch * 20 + i),
          });
        }
      });
    }
    await vi.waitFor(() => expect(receivedFor(t).length).toBeGreaterThanOrEqual(n), {
      timeout: 20_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    const ids = receivedFor(t).map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const [row] = await queryRows<{ delivered: number; attempts: number }>(
      app.database.db,
      sql`select (count(*) filter (where status = 'delivered'))::int as delivered,
                 (select count(*)::int from webhook_deliveries where tenant_id = ${t.tenantId}) as attempts
          from outbox where tenant_id = ${t.tenantId} and kind = 'webhook'`,
    );
    expect(row).toEqual({ delivered: n, attempts: n });
  });
});

function event(tenantId: number, n: number) {
  return {
    event: 'BOOKING_CREATED',
    timestamp: new Date().toISOString(),
    data: {
      booking: { id: n, uid: `booking_${n}` },
      tenant: { id: tenantId, slug: 't', immersioOrgId: null },
    },
  };
}
