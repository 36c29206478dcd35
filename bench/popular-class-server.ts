// Child process of bench/popular-class.ts: one service instance on the bench's database. Given a
// description of the rounds (the first instance), it also creates a school per variant and round,
// each with one free or paid class of one session, and prints them with its address.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startApp } from '../src/app.ts';
import { queryRows } from '../src/db/client.ts';
import { parseEnv } from '../src/env.ts';
import { provisionTenant } from '../src/modules/tenants/provisioning.ts';
import { type Fixture, SEATS, VARIANTS, WORKER } from './popular-class.ts';

const setup = process.argv[2];
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-bench-popular-'));
const env = parseEnv({
  ...process.env,
  DATA_DIR: dataDir,
  // Both instances sign the same manage links, as a deployment's instances do.
  APP_SECRET: 'bench-popular-class-secret-0123456789abcdef',
  RATE_LIMITS: 'off',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'false',
});
const running = await startApp({ env, worker: WORKER });
const db = running.container.db;
const fixtures: Fixture[] = [];
const start = new Date(Date.now() + 7 * 86_400_000);
start.setUTCMinutes(0, 0, 0);
for (let round = -1; setup && round < (JSON.parse(setup) as { rounds: number }).rounds; round++) {
  for (const [index, variant] of VARIANTS.entries()) {
    if (round === -1 && variant.key === 'bare') continue;
    // A school per variant and round, so no run uses up another's monthly allowance.
    const slug = `popular-${variant.key}-${round + 1}`;
    const { tenant, owner } = await provisionTenant(db, {
      name: `Popular ${variant.key} ${round}`,
      slug,
      plan: variant.plan,
      owner: { email: `owner@${slug}.test`, name: 'Bench Owner', password: 'bench-owner-password' },
      timeZone: 'Europe/Berlin',
    });
    if (variant.price > 0) {
      await db.execute(sql`insert into stripe_credentials (tenant_id, stripe_account_id, publishable_key, livemode)
        values (${tenant.id}, ${`acct_popular${round}`}, 'pk_test_popular', false)`);
    }
    const startTime = new Date(start.getTime() + ((round + 1) * VARIANTS.length + index) * 3_600_000);
    const created = await running.container.workshops.create({
      tenantId: tenant.id,
      actorId: owner.id,
      input: {
        title: 'Popular class',
        description: 'Opens to a rush',
        duration: 60,
        price: variant.price,
        currency: 'EUR',
        seats: SEATS,
        locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
        teacherId: owner.id,
        whitelistEnabled: false,
        syncStudentsFromImmersio: false,
        refundWindowHours: 24,
        cancellationNoticeHours: 12,
        workshopType: 'workshop',
        startTime,
        timeZone: 'Europe/Berlin',
        recurrence: { frequency: 'none' },
      },
    });
    const [session] = await queryRows<{ id: number }>(
      db,
      sql`select id from workshop_sessions where workshop_id = ${created.id}`,
    );
    fixtures.push({
      variant: variant.key,
      round,
      tenantId: tenant.id,
      tenantSlug: slug,
      workshopId: created.id,
      workshopSlug: created.slug,
      sessionId: session!.id,
      startTime: startTime.toISOString(),
    });
  }
}
const address = await running.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ app: address, ...(setup && { fixtures }) })}\n`);
process.on('SIGTERM', async () => {
  await running.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
