// Child process of bench/run.ts: a bare Fastify JSON route and the real service, side by side
// in one process so both share the same CPU budget, while autocannon runs in the parent.
import { mkdtemp, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { startApp } from '../src/app.ts';
import { parseEnv } from '../src/env.ts';
import { findTenant } from '../src/modules/tenants/tenant-lookup.ts';
import { DEMO } from '../src/seed/demo.ts';
import { serializeOutput } from '../src/trpc/transformer.ts';
import { PREVIEW_DRAFT } from './staff-settings.ts';
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

// Two bare Fastify routes with no hooks, logger or work: /bare answers a tiny object, and
// /bare-same answers the very bytes tenant.get sends (same tenant, same superjson envelope),
// so that ratio compares the stacks rather than response sizes.
const demo = await findTenant(running.container.db, { slug: DEMO.tenant.slug });
const sameBody = {
  result: { data: serializeOutput(await running.container.tenants.get({ tenantId: demo!.id })) },
};
// And the demo landing page's exact JSON (20 workshops of 8 sessions each, per the seed).
const landingBody = (await running.container.publicCatalog.landing(DEMO.tenant.slug)).body;
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
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ id: 1, name: 'Language Academy', slug: 'language-academy', ok: true }));
bare.get('/bare-same', async () => sameBody);
// What the webhook endpoint answers, from a route that only parses the JSON body.
bare.post('/bare-webhook', async () => ({ success: true, processed: true }));
bare.get('/bare-landing', (_req, reply) => reply.type('application/json; charset=utf-8').send(landingBody));
// The demo landing page's exact HTML, as the public web page sends it without compression.
const landingHtml = Buffer.from(await (await fetch(`${appAddress}/${DEMO.tenant.slug}`)).arrayBuffer());
bare.get('/bare-landing-html', (_req, reply) => reply.type('text/html; charset=utf-8').send(landingHtml));
// The landing editor's live preview (issue 15) of a fixed draft, as the demo admin's editor posts
// it, and a bare POST route answering its exact HTML.
const admin = await fetch(`${appAddress}/api/auth/sign-in/email`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: DEMO.owner.email, password: DEMO.owner.password }),
});
const { token: adminToken } = (await admin.json()) as { token: string };
const preview = await fetch(`${appAddress}/api/v1/staff/landing/preview`, {
  method: 'POST',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: JSON.stringify(PREVIEW_DRAFT),
});
if (preview.status !== 200) throw new Error(`landing preview answered ${preview.status}`);
const previewHtml = Buffer.from(await preview.arrayBuffer());
bare.post('/bare-preview', (_req, reply) => reply.type('text/html; charset=utf-8').send(previewHtml));
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
