// Child process of bench/run.ts: the real service on the seeded demo school, while autocannon
// runs in the parent and the bare twins in bench/bare-servers.ts (a process of their own).
import { mkdtemp, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startApp } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';
import { findTenant } from '../src/modules/tenants/tenant-lookup.ts';
import { DEMO } from '../src/seed/demo.ts';
import { BENCH_COURSE_ID, BENCH_ORG_ID, BENCH_WEBHOOK_SECRET } from './webhook-ingest.ts';

const dataDir = process.env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-')));
const env = parseEnv({
  ...process.env,
  DATA_DIR: dataDir,
  RATE_LIMITS: 'off',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'true',
  IMMERSIO_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
});
const running = await startApp({ env });
const appAddress = await running.app.listen({ port: 0, host: '127.0.0.1' });

const demo = await findTenant(running.container.db, { slug: DEMO.tenant.slug });
// Incoming Immersio webhooks: the demo school connected to an organisation, one workshop mapped
// to a course with student sync, so every student.enrolled event writes a whitelist entry.
await running.container.db.execute(
  sql`insert into immersio_integrations (tenant_id, immersio_org_id) values (${demo!.id}, ${BENCH_ORG_ID})`,
);
await running.container.db.execute(
  sql`insert into course_mappings (tenant_id, workshop_id, immersio_course_id, sync_students)
      select ${demo!.id}, id, ${BENCH_COURSE_ID}, true from workshops where tenant_id = ${demo!.id}
      order by id limit 1`,
);

// BENCH_PROFILE=file.cpuprofile records a CPU profile from here (after start-up) until SIGTERM.
const profileFile = process.env.BENCH_PROFILE;
const profiler = profileFile ? new inspector.Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

process.stdout.write(`${JSON.stringify({ app: appAddress, database: running.container.database.kind })}\n`);
process.on('SIGTERM', async () => {
  if (profiler && profileFile) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(profileFile, JSON.stringify(profile));
  }
  await running.close();
  process.exit(0);
});
