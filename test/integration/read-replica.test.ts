import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { openReadReplica } from '../../src/db/read-replica.ts';
import { EnvError, parseEnv } from '../../src/env.ts';
import { FRESH_AFTER_WRITE_MS } from '../../src/modules/public/read-source.ts';
import {
  type Client,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcClient,
} from '../support/app.ts';
import { book, bookingRequest, createWorkshop } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';
import { adminUrl } from '../support/db-names.ts';

// Issue 19 part 6: DATABASE_READ_URL. The "replica" is a copy of the primary taken after set-up,
// so the two differ exactly where the test changes one of them: which one answered is visible.

it('refuses DATABASE_READ_URL without DATABASE_URL, naming it', () => {
  expect(() => parseEnv({ DATABASE_READ_URL: 'postgres://replica.internal/booking' })).toThrow(EnvError);
  expect(() => parseEnv({ DATABASE_READ_URL: 'postgres://replica.internal/booking' })).toThrow(
    /DATABASE_READ_URL/,
  );
});

describe.skipIf(!process.env.DATABASE_URL)('public reads from the read replica', () => {
  let primary: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaUrl: string;
  let app: TestApp;
  let t: TenantFixture;
  let w: Awaited<ReturnType<typeof createWorkshop>>;
  let owner: Client;

  async function admin<T extends pg.QueryResultRow>(text: string) {
    const client = new pg.Client({ connectionString: adminUrl(process.env.DATABASE_URL!) });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    primary = await createTestDatabase();
    const setUp = await startTestApp({ database: primary });
    t = await createTenant(setUp);
    await t.owner.client.immersio.landing.publish.mutate({});
    w = await createWorkshop(t, { title: 'Spanish as set up' });
    await setUp.close();
    // The copy: a database cloned from the primary needs the primary's sessions gone first.
    const name = new URL(primary.url!).pathname.slice(1);
    await admin(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
    );
    await admin(`create database "${name}_replica" template "${name}"`);
    const url = new URL(primary.url!);
    url.pathname = `/${name}_replica`;
    replicaUrl = url.toString();
    app = await startTestApp({
      database: primary,
      env: { DATABASE_URL: primary.url!, DATABASE_READ_URL: replicaUrl },
    });
    owner = trpcClient(app.baseUrl, t.owner.token);
  });
  afterAll(async () => {
    await app?.close();
    await primary?.close();
    if (replicaUrl)
      await admin(`drop database if exists "${new URL(replicaUrl).pathname.slice(1)}" with (force)`);
  });

  const landing = async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/public/landing/${t.slug}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { workshops: Array<{ title: string; availableSeats: number }> };
  };

  it('builds the landing from the replica, and from the primary for a few seconds after a write', async () => {
    // Past the primary-only window after start-up: connecting to Redis, the cache bus drops every
    // cache (it cannot know what it missed), which counts as a write of every school.
    for (let i = 0; i < 200 && !app.running.container.bus.delivering(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    app.clock.advance(FRESH_AFTER_WRITE_MS);
    // A change the replica has not seen (and no cache-bus event): the replica's answer shows.
    await primary.db.execute(
      sql`update event_types set title = 'Changed on the primary only' where id = (select event_type_id from workshops where id = ${w.id})`,
    );
    expect((await landing()).workshops.map((x) => x.title)).toEqual(['Spanish as set up']);
    // A staff write goes through the service: its event sends the school's reads to the primary.
    await owner.immersio.workshop.update.mutate({ workshopId: w.id, title: 'Renamed by staff' });
    expect((await landing()).workshops.map((x) => x.title)).toEqual(['Renamed by staff']);
  });

  it('books on the primary, whatever the replica says', async () => {
    const created = await book(app, bookingRequest(t, w, 'replica@example.test'));
    expect(created.status).toBe(201);
    const uid = (created.body as { booking: { uid: string } }).booking.uid;
    expect(await queryRows(primary.db, sql`select 1 from bookings where uid = ${uid}`)).toHaveLength(1);
    const replica = openReadReplica(replicaUrl, 1);
    try {
      expect(await queryRows(replica.db, sql`select 1 from bookings where uid = ${uid}`)).toHaveLength(0);
    } finally {
      await replica.close();
    }
  });

  it('answers staff statistics from the replica', async () => {
    // The booking above is on the primary only.
    const stats = await owner.immersio.tenant.getStats.query({ period: 'year' });
    expect(stats.totalBookings).toBe(0);
  });

  it('opens replica sessions read-only', async () => {
    const replica = openReadReplica(replicaUrl, 1);
    try {
      await expect(replica.db.execute(sql`update event_types set title = 'nope'`)).rejects.toMatchObject({
        cause: { code: '25006' },
      });
    } finally {
      await replica.close();
    }
  });
});
