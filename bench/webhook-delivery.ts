// Outbox delivery of outgoing webhooks (issue 5's benchmark, second half): a fresh PostgreSQL
// database, one tenant whose integration points at a local receiver, the service's real worker
// (real webhook handler: integration lookup, URL check, signing, POST, attempt record; woken by
// LISTEN/NOTIFY) in this process, and two phases:
//  - throughput: N messages committed at once, time from the commit to the last one received;
//  - latency: messages committed one per transaction by a few writers at a steady rate, each
//    timed from its COMMIT returning to the receiver having its body (commit→delivery).
// Targets: >= 1,000 deliveries/s and p50 <= 50 ms.
//
// Standalone: node bench/webhook-delivery.ts (BENCH_DATABASE_URL, default the local server).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../src/db/client.ts';
import { webhookJob } from '../src/modules/immersio/immersio-jobs.ts';
import { createWebhookDelivery } from '../src/modules/immersio/webhook-delivery.ts';
import { generateWebhookSecret, sealWebhookSecret } from '../src/modules/immersio/webhook-secret.ts';
import { createJobRegistry, registerJob } from '../src/modules/outbox/job-registry.ts';
import { createOutboxWorker } from '../src/modules/outbox/outbox.worker.ts';
import { pgWakeSource } from '../src/modules/outbox/outbox-wake.ts';
import { provisionTenant } from '../src/modules/tenants/provisioning.ts';
import { createBenchDatabase } from './bench-database.ts';

export interface DeliveryBenchOptions {
  databaseUrl: string;
  /** Messages committed at once for the throughput phase (default 5,000). */
  count?: number;
  /** Messages for the latency phase (default 2,000), written at `rate` per second (default 500). */
  latencyCount?: number;
  rate?: number;
  /** Concurrent writers in the latency phase (default 4). */
  writers?: number;
  /** Outbox worker batch size (default: the service's, 20). */
  batchSize?: number;
}

export interface DeliveryBenchResult {
  throughput: { messages: number; seconds: number; perSecond: number };
  latency: { messages: number; p50: number; p90: number; p99: number; max: number; perSecond: number };
  /** Attempts recorded in webhook_deliveries that were not 2xx (should be 0). */
  failedAttempts: number;
  /** Messages the receiver got more than once (should be 0). */
  duplicates: number;
}

const now = () => performance.now();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runDeliveryBench(options: DeliveryBenchOptions): Promise<DeliveryBenchResult> {
  const count = options.count ?? 5000;
  const latencyCount = options.latencyCount ?? 2000;
  const rate = options.rate ?? 500;
  const writers = options.writers ?? 4;
  const database = await createBenchDatabase(options.databaseUrl, 'ibs_bench_webhooks');
  const handle = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 10 });
  const writerPool = new pg.Pool({ connectionString: database.url, max: writers });
  writerPool.on('error', () => {});

  // The receiver: when each webhook id arrived (first time), and how many arrived twice.
  const received = new Map<string, number>();
  let duplicates = 0;
  let waiter: { target: number; resolve: () => void } | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      if (received.has(id)) duplicates++;
      else received.set(id, now());
      res.writeHead(204).end();
      if (waiter && received.size >= waiter.target) waiter.resolve();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const until = (target: number) =>
    new Promise<void>((resolve, reject) => {
      if (received.size >= target) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`only ${received.size} of ${target} delivered after 120 s`)),
        120_000,
      );
      waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });

  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const appSecret = randomBytes(32).toString('hex');
  const worker = createOutboxWorker({
    db: handle.db,
    logger,
    // The service's own job: the payload's schema, the webhook schedule and attempts.
    jobs: createJobRegistry([
      registerJob(
        webhookJob,
        createWebhookDelivery({ db: handle.db, logger, appSecret, allowPrivate: true, requireHttps: false }),
      ),
    ]),
    ...(options.batchSize && { batchSize: options.batchSize }),
    wakeSource: pgWakeSource({ connection: { connectionString: database.url }, logger }),
  });

  try {
    await handle.migrate();
    const { tenant } = await provisionTenant(handle.db, {
      name: 'Webhook Bench School',
      slug: 'webhook-bench',
      plan: 'growth',
      owner: { email: 'owner@webhook-bench.test', name: 'Owner', password: 'bench-password-123' },
    });
    await writerPool.query(
      `insert into immersio_integrations (tenant_id, immersio_org_id, webhook_url, webhook_secret_sealed, webhook_secret_rotated_at)
       values ($1, 'org_bench', $2, $3, now())`,
      [tenant.id, receiverUrl, sealWebhookSecret(appSecret, generateWebhookSecret())],
    );
    const payload = (n: number) =>
      JSON.stringify({
        event: 'BOOKING_CREATED',
        timestamp: new Date().toISOString(),
        data: {
          booking: { id: n, uid: `booking_${n}`, title: 'Bench', status: 'accepted' },
          tenant: { id: tenant.id, slug: 'webhook-bench', immersioOrgId: 'org_bench' },
        },
      });
    worker.start();

    // Warm-up: connections (pool, receiver keep-alive) and JIT.
    await writerPool.query(
      `insert into outbox (kind, tenant_id, payload) select 'webhook', $1, $2::jsonb from generate_series(1, 200)`,
      [tenant.id, payload(0)],
    );
    await until(200);

    // Throughput: everything committed at once.
    const before = received.size;
    await writerPool.query(
      `insert into outbox (kind, tenant_id, payload) select 'webhook', $1, $2::jsonb from generate_series(1, $3::int)`,
      [tenant.id, payload(1), count],
    );
    const committed = now();
    await until(before + count);
    const seconds = (Math.max(...[...received.values()].slice(before)) - committed) / 1000;

    // Latency: one message per transaction, paced.
    const commits = new Map<string, number>();
    const startedAt = now();
    let next = 0;
    const writer = async () => {
      for (;;) {
        const n = next++;
        if (n >= latencyCount) return;
        const due = startedAt + (n * 1000) / rate;
        const wait = due - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const client = await writerPool.connect();
        try {
          await client.query('begin');
          const { rows } = await client.query<{ id: string }>(
            `insert into outbox (kind, tenant_id, payload) values ('webhook', $1, $2::jsonb) returning id`,
            [tenant.id, payload(n)],
          );
          await client.query('commit');
          commits.set(`msg_${rows[0]!.id}`, now());
        } finally {
          client.release();
        }
      }
    };
    const latencyBefore = received.size;
    await Promise.all(Array.from({ length: writers }, writer));
    await until(latencyBefore + latencyCount);
    const latencies = [...commits].map(([id, at]) => received.get(id)! - at).sort((a, b) => a - b);
    const lastReceived = Math.max(...[...commits.keys()].map((id) => received.get(id)!));

    const { rows } = await writerPool.query<{ n: number }>(
      `select count(*)::int as n from webhook_deliveries where status_code is null or status_code >= 300`,
    );
    return {
      throughput: { messages: count, seconds, perSecond: count / seconds },
      latency: {
        messages: latencyCount,
        p50: percentile(latencies, 50),
        p90: percentile(latencies, 90),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1]!,
        perSecond: (latencyCount * 1000) / (lastReceived - startedAt),
      },
      failedAttempts: rows[0]!.n,
      duplicates,
    };
  } finally {
    await worker.stop();
    await writerPool.end();
    await handle.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.drop();
  }
}

export function formatDeliveryBench(r: DeliveryBenchResult): string {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    `outbox webhook delivery on PostgreSQL (real handler, local receiver, LISTEN/NOTIFY wake):`,
    `  throughput: ${r.throughput.messages} messages committed at once, delivered in ${r.throughput.seconds.toFixed(2)} s = ${r.throughput.perSecond.toFixed(0)} deliveries/s (target >= 1000: ${met(r.throughput.perSecond >= 1000)})`,
    `  commit→delivery: ${r.latency.messages} messages, one per transaction at ${r.latency.perSecond.toFixed(0)}/s: p50 ${r.latency.p50.toFixed(1)} ms (target <= 50: ${met(r.latency.p50 <= 50)}), p90 ${r.latency.p90.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, max ${r.latency.max.toFixed(1)} ms`,
    `  failed attempts: ${r.failedAttempts}, duplicates: ${r.duplicates} (target 0: ${met(r.failedAttempts + r.duplicates === 0)})`,
  ].join('\n');
}

if (import.meta.main) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(formatDeliveryBench(await runDeliveryBench({ databaseUrl })));
}
