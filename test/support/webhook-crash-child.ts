/**
 * A worker process for the webhook crash test: delivers `webhook` messages with the real handler.
 * The parent's receiver holds the requests open; the parent SIGKILLs this process mid-delivery.
 *
 * Usage: node test/support/webhook-crash-child.ts <databaseUrl> <appSecret> <leaseMs>
 */
import pino from 'pino';
import { openDatabase } from '../../src/db/client.ts';
import { createWebhookDelivery, webhookWorkerOptions } from '../../src/modules/immersio/webhook-delivery.ts';
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
  handlers: {
    webhook: createWebhookDelivery({
      db: handle.db,
      logger,
      appSecret,
      allowPrivate: true,
      requireHttps: false,
    }),
  },
  ...webhookWorkerOptions,
});
process.stdout.write('ready\n');
await worker.runOnce();
