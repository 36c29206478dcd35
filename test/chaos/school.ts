import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startApp } from '../../src/app.ts';
import { queryRows } from '../../src/db/client.ts';
import { parseEnv } from '../../src/env.ts';
import { generateWebhookSecret, sealWebhookSecret } from '../../src/modules/immersio/webhook-secret.ts';
import { provisionTenant } from '../../src/modules/tenants/provisioning.ts';

// The school the chaos burst books into: free workshops with a few small sessions each (so
// seats run out and capacity is contended), connected to Immersio with the receiver as its
// webhook URL, so every booking and cancellation is an outgoing event to count.

export interface ChaosSchool {
  tenantId: number;
  slug: string;
  sessions: Array<{ workshopSlug: string; startTime: string }>;
}

export async function createChaosSchool(options: {
  databaseUrl: string;
  appSecret: string;
  webhookUrl: string;
  workshops: number;
  sessionsPerWorkshop: number;
  seats: number;
}): Promise<ChaosSchool> {
  const env = parseEnv({
    NODE_ENV: 'development',
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'ibs-chaos-setup-')),
    APP_SECRET: options.appSecret,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    STRIPE_EMULATOR: 'off',
  });
  const running = await startApp({ env, worker: false });
  try {
    const db = running.container.db;
    const { tenant, owner } = await provisionTenant(db, {
      name: 'Chaos School',
      slug: 'chaos-school',
      plan: 'enterprise',
      owner: { email: 'owner@chaos-school.test', name: 'Chaos Owner', password: 'chaos-owner-password' },
      timeZone: 'Europe/Berlin',
    });
    const base = new Date(Date.now() + 7 * 86_400_000);
    base.setUTCMinutes(0, 0, 0);
    const sessions: ChaosSchool['sessions'] = [];
    for (let w = 0; w < options.workshops; w++) {
      const created = await running.container.workshops.create({
        tenantId: tenant.id,
        actorId: owner.id,
        input: {
          title: `Chaos Workshop ${w + 1}`,
          description: 'Booked and cancelled while instances, PostgreSQL and Redis fail',
          duration: 60,
          price: 0,
          currency: 'EUR',
          seats: options.seats,
          locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
          // One teacher for all: each workshop an hour after the last, so no session overlaps.
          teacherId: owner.id,
          whitelistEnabled: false,
          syncStudentsFromImmersio: false,
          refundWindowHours: 24,
          cancellationNoticeHours: 12,
          workshopType: 'workshop',
          startTime: new Date(base.getTime() + w * 3_600_000),
          timeZone: 'Europe/Berlin',
          recurrence: { frequency: 'weekly', count: options.sessionsPerWorkshop },
        },
      });
      const rows = await queryRows<{ startTime: Date | string }>(
        db,
        sql`select start_time as "startTime" from workshop_sessions where workshop_id = ${created.id} order by start_time`,
      );
      for (const row of rows) {
        sessions.push({ workshopSlug: created.slug, startTime: new Date(row.startTime).toISOString() });
      }
    }
    await db.execute(
      sql`insert into immersio_integrations (tenant_id, immersio_org_id, webhook_url, webhook_secret_sealed, webhook_secret_rotated_at)
          values (${tenant.id}, 'org_chaos', ${options.webhookUrl}, ${sealWebhookSecret(options.appSecret, generateWebhookSecret())}, now())`,
    );
    return { tenantId: tenant.id, slug: tenant.slug, sessions };
  } finally {
    await running.close();
  }
}
