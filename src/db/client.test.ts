import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import { queryRows } from './client.ts';

describe('test database', () => {
  const handlePromise = createTestDatabase();
  afterAll(async () => (await handlePromise).close());

  it('is migrated and writable', async () => {
    const handle = await handlePromise;
    expect(await handle.ready()).toBe(true);
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from tenants`);
    expect(row?.n).toBe(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('migrations on PostgreSQL', () => {
  it('two instances migrating an empty database at once do not race', async () => {
    const { default: pg } = await import('pg');
    const { openDatabase } = await import('./client.ts');
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = `ibs_migrate_check_${process.pid}`;
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const a = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    const b = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      expect(await a.ready()).toBe(true);
      expect(await b.ready()).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
