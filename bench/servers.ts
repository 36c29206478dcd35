// Child process of bench/run.ts: a bare Fastify JSON route and the real service, side by side
// in one process so both share the same CPU budget, while autocannon runs in the parent.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { startApp } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';

const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ id: 1, name: 'Language Academy', slug: 'language-academy', ok: true }));
const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

const dataDir = process.env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-')));
const env = parseEnv({
  ...process.env,
  DATA_DIR: dataDir,
  RATE_LIMITS: 'off',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'true',
});
const running = await startApp({ env });
const appAddress = await running.app.listen({ port: 0, host: '127.0.0.1' });

process.stdout.write(
  `${JSON.stringify({ bare: bareAddress, app: appAddress, database: running.container.database.kind })}\n`,
);
process.on('SIGTERM', async () => {
  await bare.close();
  await running.close();
  process.exit(0);
});
