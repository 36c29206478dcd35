/**
 * A worker process for the outbox crash test: claims due messages of kind `crash`, reports each
 * one on stdout as `blocked <id>`, then hangs in the handler until the parent SIGKILLs it. It
 * records nothing, so whatever the parent's worker delivers afterwards was never delivered here.
 *
 * Usage: node test/support/outbox-crash-child.ts <databaseUrl> <leaseMs> <batchSize>
 */
import pino from 'pino';
import { openDatabase } from '../../src/db/client.ts';
import { createOutboxWorker } from '../../src/modules/outbox/outbox.worker.ts';
import { jobsOf } from './outbox-jobs.ts';

const [databaseUrl, leaseMs, batchSize] = process.argv.slice(2);
if (!databaseUrl) throw new Error('usage: outbox-crash-child.ts <databaseUrl> <leaseMs> <batchSize>');

const handle = await openDatabase({ databaseUrl, dataDir: '', poolSize: 2 });
const worker = createOutboxWorker({
  db: handle.db,
  logger: pino({ level: 'silent' }),
  workerId: `crash-child-${process.pid}`,
  leaseMs: Number(leaseMs ?? 500),
  batchSize: Number(batchSize ?? 20),
  jobs: jobsOf({
    crash: async (_payload, ctx) => {
      process.stdout.write(`blocked ${ctx.id}\n`);
      await new Promise(() => {});
    },
  }),
});
// A never-settling promise does not keep Node alive; the kill must find us mid-delivery.
setInterval(() => {}, 60_000);
await worker.runOnce();
