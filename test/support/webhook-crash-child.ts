/**
 * A worker process for the webhook crash test: delivers `webhook` messages with the real handler.
 * The parent's receiver holds the requests open; the parent SIGKILLs this process mid-delivery.
 *
 * Usage: node test/support/webhook-crash-child.ts <databaseUrl> <appSecret> <leaseMs>
 */
import pino from 'pino';
import { openDatabase } from '../../src/db/client.ts';
import { webhookJob } from '../../src/modules/immersio/immersio-jobs.ts';
import { createWebhookDelivery } from '../../src/modules/immersio/webhook-delivery.ts';
import { createJobRegistry, registerJob } from '../../src/modules/outbox/job-registry.ts';
import { createOutboxWorker } from '../../src/modules/outbox/outbox.worker.ts';

const [databaseUrl, appSecret, leaseMs] = process.argv.slice(2);
if (!databaseUrl || !appSecret)
  throw new Error('usage: webhook-crash-child.ts <databaseUrl> <appSecret> <leaseMs>');

const handle = await openDatabase({ databaseUrl, dataDir: '', poolSize: 2 });
const logger = pino({ level: 'silent' });
const worker = createOutboxWorker({
  db: handle.db,
  logger,
  workerId: `webhook-crash-child-${process.pid}`,
  leaseMs: Number(leaseMs ?? 1000),
  jobs: createJobRegistry([
    registerJob(
      webhookJob,
      createWebhookDelivery({ db: handle.db, logger, appSecret, allowPrivate: true, requireHttps: false }),
    ),
  ]),
});
process.stdout.write('ready\n');
await worker.runOnce();
