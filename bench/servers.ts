// Child process of bench/run.ts: a bare Fastify JSON route and the real service, side by side
// in one process so both share the same CPU budget, while autocannon runs in the parent.
import { mkdtemp, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { startApp } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';
import { findTenantBySlug } from '../src/modules/tenants/tenants.repo.ts';
import { DEMO } from '../src/seed/demo.ts';
import { serializeOutput } from '../src/trpc/transformer.ts';

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

// Two bare Fastify routes with no hooks, logger or work: /bare answers a tiny object, and
// /bare-same answers the very bytes tenant.get sends (same tenant, same superjson envelope),
// so that ratio compares the stacks rather than response sizes.
const demo = await findTenantBySlug(running.container.db, DEMO.tenant.slug);
const sameBody = {
  result: { data: serializeOutput(await running.container.tenants.get({ tenantId: demo!.id })) },
};
// And the demo landing page's exact JSON (20 workshops of 8 sessions each, per the seed).
const landingBody = (await running.container.publicCatalog.landing(DEMO.tenant.slug)).body;
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ id: 1, name: 'Language Academy', slug: 'language-academy', ok: true }));
bare.get('/bare-same', async () => sameBody);
bare.get('/bare-landing', (_req, reply) => reply.type('application/json; charset=utf-8').send(landingBody));
const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

// BENCH_PROFILE=file.cpuprofile records a CPU profile from here (after start-up) until SIGTERM.
const profileFile = process.env.BENCH_PROFILE;
const profiler = profileFile ? new inspector.Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

process.stdout.write(
  `${JSON.stringify({ bare: bareAddress, app: appAddress, database: running.container.database.kind })}\n`,
);
process.on('SIGTERM', async () => {
  if (profiler && profileFile) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(profileFile, JSON.stringify(profile));
  }
  await bare.close();
  await running.close();
  process.exit(0);
});
