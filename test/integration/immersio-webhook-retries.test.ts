import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { webhookJob } from '../../src/modules/immersio/immersio-jobs.ts';
import {
  createWebhookDelivery,
  WEBHOOK_RETRY_DELAYS_MS,
  type WebhookDeliveryDeps,
} from '../../src/modules/immersio/webhook-delivery.ts';
import { enqueue } from '../../src/modules/outbox/enqueue.ts';
import { createJobRegistry, registerJob } from '../../src/modules/outbox/job-registry.ts';
import { getMessage } from '../../src/modules/outbox/outbox.repo.ts';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../src/modules/outbox/outbox.worker.ts';
import { createTenant, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, HOUR } from '../support/bookings.ts';
import { insertIntegration, startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

// Retries, failures and crashes, with simulated time: the app's own worker is off and each test
// drives a worker (the real webhook handler and schedule) whose clock it moves by hand.

const CRASH_CHILD = fileURLToPath(new URL('../support/webhook-crash-child.ts', import.meta.url));
const app = useTestApp({ worker: false, env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
const silent = pino({ level: 'silent' });

let receiver: WebhookReceiver;
const children: ChildProcess[] = [];
beforeEach(async () => {
  receiver = await startReceiver();
  await app.database.db.execute(sql`delete from outbox where kind = 'webhook'`);
});
afterEach(() => receiver.close());
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/**
 * Stands still unless moved. Starts ahead of the database's now() so rows enqueued with its
 * default are due; `catchUp()` makes rows enqueued since then due too.
 */
function manualClock() {
  let now = Date.now() + 1000;
  const start = now;
  return {
    clock: () => new Date(now),
    set: (ms: number) => {
      now = Math.max(now, ms);
    },
    catchUp: () => {
      now = Math.max(now, Date.now() + 1000);
    },
    advance: (ms: number) => {
      now += ms;
    },
    elapsed: () => now - start,
  };
}

function deliveryWorker(
  time: ReturnType<typeof manualClock>,
  handler: Partial<WebhookDeliveryDeps> = {},
  worker: Partial<OutboxWorkerOptions> = {},
) {
  const db = app.database.db;
  return createOutboxWorker({
    db,
    logger: silent,
    clock: time.clock,
    jobs: createJobRegistry([
      registerJob(
        webhookJob,
        createWebhookDelivery({
          db,
          logger: silent,
          appSecret: app.running.container.env.APP_SECRET,
          allowPrivate: true,
          requireHttps: false,
          ...handler,
        }),
      ),
    ]),
    ...worker,
  });
}

async function connected(url: string | null = receiver.url) {
  const t = await createTenant(app);
  const integration = await insertIntegration(app.database.db, {
    tenantId: t.tenantId,
    appSecret: app.running.container.env.APP_SECRET,
    webhookUrl: url,
  });
  return { ...t, ...integration };
}

function event(tenantId: number, n: number) {
  return {
    event: 'BOOKING_CANCELLED',
    timestamp: new Date().toISOString(),
    data: { booking: { id: n, uid: `booking_${n}` }, tenant: { id: tenantId, slug: 't' } },
  };
}

async function enqueueEvents(tenantId: number, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await enqueue(app.database.db, { kind: 'webhook', tenantId, payload: event(tenantId, i) }));
  }
  return ids;
}

interface AttemptRow {
  outbox_id: number;
  webhook_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
  url: string;
}

async function attemptsOf(outboxId: number): Promise<AttemptRow[]> {
  return queryRows<AttemptRow>(
    app.database.db,
    sql`select outbox_id::int as outbox_id, webhook_id, attempt, status_code, error, duration_ms, url
        from webhook_deliveries where outbox_id = ${outboxId} order by id`,
  );
}

async function earliestPending(): Promise<number | undefined> {
  const [row] = await queryRows<{ at: Date | string | null }>(
    app.database.db,
    sql`select min(next_attempt_at) as at from outbox where kind = 'webhook' and status = 'pending'`,
  );
  return row?.at ? new Date(row.at).getTime() : undefined;
}

describe('webhook retries in simulated time', () => {
  it('a receiver down for hours (503, then refusing connections) gets every event once it is back', async () => {
    const t = await connected();
    const time = manualClock();
    const w = deliveryWorker(time);
    // Real events from the API (the app's worker is off, so they wait) plus a few written directly.
    const workshop = await createWorkshop(t);
    expect((await book(app, bookingRequest(t, workshop, 'down@example.test'))).status).toBe(201);
    await enqueueEvents(t.tenantId, 3);
    time.catchUp();
    const messages = await queryRows<{ id: number; payload: unknown }>(
      app.database.db,
      sql`select id::int as id, payload from outbox where tenant_id = ${t.tenantId} and kind = 'webhook' order by id`,
    );
    expect(messages.map((m) => (m.payload as { event: string }).event)).toEqual([
      'WORKSHOP_CREATED',
      'BOOKING_CREATED',
      'BOOKING_CANCELLED',
      'BOOKING_CANCELLED',
      'BOOKING_CANCELLED',
    ]);

    // Down with 503 for the first 2 hours, connection refused until hour 10, then healthy.
    receiver.reply = () => ({ status: 503, body: 'maintenance' });
    let phase: '503' | 'refused' | 'up' = '503';
    const delays: Array<{ attempt: number; delay: number }> = [];
    const triedBefore = new Map<number, number>();
    for (let pass = 0; pass < 200; pass++) {
      if (phase === '503' && time.elapsed() >= 2 * HOUR) {
        phase = 'refused';
        await receiver.stop();
      }
      if (phase === 'refused' && time.elapsed() >= 10 * HOUR) {
        phase = 'up';
        await receiver.start();
        receiver.reply = () => ({ status: 204 });
      }
      const before = time.clock().getTime();
      await w.runOnce();
      for (const m of messages) {
        const row = await getMessage(app.database.db, m.id);
        // Failed in this pass: the retry is scheduled from this pass's time.
        if (row?.status === 'pending' && row.attempts > (triedBefore.get(m.id) ?? 0)) {
          delays.push({ attempt: row.attempts, delay: row.nextAttemptAt.getTime() - before });
        }
        triedBefore.set(m.id, row?.attempts ?? 0);
      }
      const next = await earliestPending();
      if (next === undefined) break;
      time.set(next);
    }
    expect(phase).toBe('up');

    // Every event delivered exactly when the receiver was back, nothing lost, none dead.
    const webhookIds = new Map<string, number>();
    for (const m of messages) {
      expect(await getMessage(app.database.db, m.id)).toMatchObject({ status: 'delivered' });
      const attempts = await attemptsOf(m.id);
      // Immediately, +5 s, +5 min, +30 min: 503. +2 h (at ~2h35m) and +5 h (~7h35m): refused.
      // +10 h (~17h35m): delivered.
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(attempts.map((a) => a.status_code)).toEqual([503, 503, 503, 503, null, null, 204]);
      expect(attempts[4]!.error).toMatch(/ECONNREFUSED/);
      expect(new Set(attempts.map((a) => a.webhook_id))).toEqual(new Set([`msg_${m.id}`]));
      webhookIds.set(`msg_${m.id}`, m.id);
    }
    // The receiver saw each event 4 times with 503 and once with 204, always under the same id
    // and the same body, each time with a valid signature.
    const byId = Map.groupBy(receiver.received, (r) => String(r.headers['webhook-id']));
    expect([...byId.keys()].sort()).toEqual([...webhookIds.keys()].sort());
    for (const [id, requests] of byId) {
      expect(requests).toHaveLength(5);
      expect(requests.every((r) => r.headers['x-webhook-id'] === id)).toBe(true);
      expect(new Set(requests.map((r) => r.body)).size).toBe(1);
      const payload = messages.find((m) => m.id === webhookIds.get(id))!.payload;
      for (const r of requests) {
        expect(new Webhook(t.secret).verify(r.body, r.headers as Record<string, string>)).toEqual(payload);
      }
    }
    // The schedule, each delay within ±10 %.
    for (const { attempt, delay } of delays) {
      const base = WEBHOOK_RETRY_DELAYS_MS[attempt - 1]!;
      expect(delay).toBeGreaterThanOrEqual(base * 0.9);
      expect(delay).toBeLessThanOrEqual(base * 1.1);
    }
    expect(new Set(delays.map((d) => d.attempt))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('gives up after 10 attempts over about three days', async () => {
    const t = await connected();
    const time = manualClock();
    const w = deliveryWorker(time);
    receiver.reply = () => ({ status: 500 });
    const [id] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    for (let pass = 0; pass < 20; pass++) {
      await w.runOnce();
      const next = await earliestPending();
      if (next === undefined) break;
      time.set(next);
    }
    expect(await getMessage(app.database.db, id!)).toMatchObject({
      status: 'dead',
      attempts: 10,
      lastError: 'WebhookDeliveryError: HTTP 500',
    });
    expect((await attemptsOf(id!)).map((a) => [a.attempt, a.status_code])).toEqual(
      Array.from({ length: 10 }, (_, i) => [i + 1, 500]),
    );
    expect(receiver.received).toHaveLength(10);
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0); // 75 h 35 min 5 s
    expect(time.elapsed()).toBeGreaterThanOrEqual(total * 0.9);
    expect(time.elapsed()).toBeLessThanOrEqual(total * 1.1);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const t = await connected();
    const time = manualClock();
    const w = deliveryWorker(time);
    const [seconds, dated] = await enqueueEvents(t.tenantId, 2);
    time.catchUp();
    const inAnHour = new Date(Date.now() + HOUR).toUTCString();
    receiver.reply = (r) =>
      JSON.parse(r.body).data.booking.id === 0
        ? { status: 429, headers: { 'retry-after': '120' } }
        : { status: 503, headers: { 'retry-after': inAnHour } };
    expect(await w.runOnce()).toBe(2);
    const first = await getMessage(app.database.db, seconds!);
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'WebhookDeliveryError: HTTP 429',
    });
    expect(first!.nextAttemptAt.getTime() - time.clock().getTime()).toBe(120_000);
    const second = await getMessage(app.database.db, dated!);
    const delay = second!.nextAttemptAt.getTime() - time.clock().getTime();
    // The date has whole seconds and was read a moment after it was written.
    expect(delay).toBeGreaterThan(HOUR - 10_000);
    expect(delay).toBeLessThanOrEqual(HOUR);
  });

  it('410 Gone disables the endpoint until the URL is set again', async () => {
    const t = await connected();
    const time = manualClock();
    const w = deliveryWorker(time);
    receiver.reply = () => ({ status: 410 });
    const [gone] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    await w.runOnce();
    expect(await getMessage(app.database.db, gone!)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await attemptsOf(gone!)).map((a) => [a.status_code, a.error])).toEqual([
      [410, 'gone: endpoint disabled'],
    ]);
    const [integration] = await queryRows<{ webhook_disabled_at: Date | null }>(
      app.database.db,
      sql`select webhook_disabled_at from immersio_integrations where id = ${t.integrationId}`,
    );
    expect(integration?.webhook_disabled_at).not.toBeNull();

    // Later events are not sent while disabled (and not recorded).
    receiver.reply = () => ({ status: 200 });
    const [skipped] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    await w.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect(await getMessage(app.database.db, skipped!)).toMatchObject({ status: 'delivered' });
    expect(await attemptsOf(skipped!)).toEqual([]);

    // Setting the URL again (what `connect` does) enables it.
    await app.database.db.execute(
      sql`update immersio_integrations set webhook_url = ${receiver.url}, webhook_disabled_at = null
          where id = ${t.integrationId}`,
    );
    const [after] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    await w.runOnce();
    expect(receiver.received).toHaveLength(2);
    expect((await attemptsOf(after!)).map((a) => a.status_code)).toEqual([200]);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const t = await connected();
    const time = manualClock();
    const w = deliveryWorker(time);
    receiver.reply = (r) =>
      r.path === '/hooks' ? { status: 302, headers: { location: `${receiver.url}/moved` } } : { status: 200 };
    const [id] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    await w.runOnce();
    expect(receiver.received.map((r) => r.path)).toEqual(['/hooks']);
    const [attempt] = await attemptsOf(id!);
    expect(attempt).toMatchObject({ attempt: 1, status_code: 302 });
    expect(attempt!.error).toMatch(
      /^HTTP 302: redirects are not followed \(to http:\/\/127\.0\.0\.1:\d+\/hooks\/moved\)$/,
    );
    expect(await getMessage(app.database.db, id!)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('gives up on a receiver that does not answer in time and retries on the schedule', async () => {
    const t = await connected();
    const time = manualClock();
    const w = deliveryWorker(time, { timeoutMs: 300 });
    receiver.reply = () => 'hang';
    const [id] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    const started = performance.now();
    await w.runOnce();
    expect(performance.now() - started).toBeLessThan(3000);
    const [attempt] = await attemptsOf(id!);
    expect(attempt).toMatchObject({ attempt: 1, status_code: null, error: 'timed out after 300 ms' });
    expect(attempt!.duration_ms).toBeGreaterThanOrEqual(295);
    const row = await getMessage(app.database.db, id!);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    const delay = row!.nextAttemptAt.getTime() - time.clock().getTime();
    expect(delay).toBeGreaterThanOrEqual(4_500);
    expect(delay).toBeLessThanOrEqual(5_500);
  });

  it('refuses private targets at delivery time unless allowed, and plain http in production', async () => {
    const time = manualClock();
    const t = await connected();
    const strict = deliveryWorker(time, { allowPrivate: false });
    const [loopback] = await enqueueEvents(t.tenantId, 1);
    time.catchUp();
    await strict.runOnce();
    expect(receiver.received).toEqual([]);
    expect(await getMessage(app.database.db, loopback!)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await attemptsOf(loopback!))[0]!.error).toMatch(
      /^refused: webhookUrl: points to a private, loopback or link-local address$/,
    );

    // A name that resolves to loopback is refused the same way.
    const named = await connected(`http://localhost:${receiver.port}/hooks`);
    const [byName] = await enqueueEvents(named.tenantId, 1);
    time.catchUp();
    await strict.runOnce();
    expect(receiver.received).toEqual([]);
    expect((await attemptsOf(byName!))[0]!.error).toMatch(/resolves to a private address/);

    const production = await connected();
    const [plain] = await enqueueEvents(production.tenantId, 1);
    time.catchUp();
    await deliveryWorker(time, { requireHttps: true }).runOnce();
    expect(receiver.received).toEqual([]);
    expect(await getMessage(app.database.db, plain!)).toMatchObject({ status: 'dead' });
    expect((await attemptsOf(plain!))[0]!.error).toBe('refused: webhookUrl: must use https');

    // A host that does not resolve (now) is retried, not given up.
    const lost = await connected('https://hooks.nowhere.invalid/x');
    const [unresolved] = await enqueueEvents(lost.tenantId, 1);
    time.catchUp();
    await deliveryWorker(time, {
      allowPrivate: false,
      lookup: async () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })),
    }).runOnce();
    expect(await getMessage(app.database.db, unresolved!)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('sends nothing for a disconnected integration or one without a URL', async () => {
    const time = manualClock();
    const w = deliveryWorker(time);
    const gone = await connected();
    await app.database.db.execute(
      sql`update immersio_integrations set disconnected_at = now() where id = ${gone.integrationId}`,
    );
    const noUrl = await connected(null);
    const ids = [...(await enqueueEvents(gone.tenantId, 1)), ...(await enqueueEvents(noUrl.tenantId, 1))];
    time.catchUp();
    expect(await w.runOnce()).toBe(2);
    expect(receiver.received).toEqual([]);
    for (const id of ids) {
      expect(await getMessage(app.database.db, id)).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(await attemptsOf(id)).toEqual([]);
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'a worker process killed mid-delivery, restarted, delivers with the same webhook id',
    async () => {
      const t = await connected();
      const ids = await enqueueEvents(t.tenantId, 3);
      // The first request of each event hangs (the child is mid-delivery), later ones succeed.
      const seen = new Set<string>();
      receiver.reply = (r) => {
        const id = String(r.headers['webhook-id']);
        if (seen.has(id)) return { status: 200 };
        seen.add(id);
        return 'hang';
      };
      const url = (app.database as { url?: string }).url!;
      const child = spawn(
        process.execPath,
        [CRASH_CHILD, url, app.running.container.env.APP_SECRET, '1000'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      children.push(child);
      let stderr = '';
      child.stderr!.on('data', (d) => {
        stderr += d;
      });
      await vi.waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
          expect(receiver.received).toHaveLength(3);
        },
        { timeout: 15_000, interval: 20 },
      );
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      for (const id of ids) {
        expect(await getMessage(app.database.db, id)).toMatchObject({
          status: 'pending',
          attempts: 0,
          lockedBy: `webhook-crash-child-${child.pid}`,
        });
      }

      // A restarted worker finds the lapsed leases and delivers.
      const restarted = deliveryWorker({ ...manualClock(), clock: () => new Date() }, {}, { leaseMs: 1000 });
      await vi.waitFor(
        async () => {
          await restarted.runOnce();
          for (const id of ids)
            expect(await getMessage(app.database.db, id)).toMatchObject({ status: 'delivered' });
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(receiver.received).toHaveLength(6);
      for (const id of ids) {
        const requests = receiver.received.filter((r) => r.headers['webhook-id'] === `msg_${id}`);
        expect(requests).toHaveLength(2);
        expect(requests[0]!.body).toBe(requests[1]!.body);
        // The killed attempt never got recorded; the one that counted did.
        expect((await attemptsOf(id)).map((a) => [a.attempt, a.status_code])).toEqual([[1, 200]]);
      }
    },
  );
});
