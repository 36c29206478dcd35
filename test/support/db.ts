import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { adminUrl, runDatabaseName } from './db-names.ts';

/**
 * A fresh, migrated database for one test file: a clone of the template database on
 * PostgreSQL, or a PGlite restored from the template dump. `close()` drops the clone.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = inject('templateDb');
    // Named after the run (the template's pid), so another run's clean-up leaves it alone.
    const name = runDatabaseName(Number(template.split('_')[2]), randomBytes(6).toString('hex'));
    const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
    await admin.connect();
    await admin.query(`create database "${name}" template "${template}"`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 10 });
    return {
      ...handle,
      url: url.toString(),
      async close() {
        await handle.close();
        const dropper = new pg.Client({ connectionString: adminUrl(databaseUrl) });
        await dropper.connect();
        await dropper.query(`drop database if exists "${name}" with (force)`);
        await dropper.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  if (!file) throw new Error('No PGlite template: is test/support/global-setup.ts configured?');
  const blob = new Blob([await readFile(file)]);
  return openDatabase({ dataDir: '', pgliteLoad: blob });
}
