import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { adminUrl, TEMPLATE_DB } from './db-names.ts';

/**
 * Builds one migrated database that every test file clones: a PostgreSQL template database
 * when DATABASE_URL is set, otherwise a PGlite dump written to a temp file.
 */
export default async function setup({ provide }: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
    await admin.connect();
    // Leftovers from an interrupted run would block DROP DATABASE ... TEMPLATE.
    const stale = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'ibs_test_%'",
    );
    for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.query(`drop database if exists "${TEMPLATE_DB}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DB}"`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${TEMPLATE_DB}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    await handle.migrate();
    await handle.close();
    provide('templateKind', 'postgres');
    return;
  }
  const handle = await openDatabase({ dataDir: '', inMemory: true });
  await handle.migrate();
  const dump = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  const file = path.join(os.tmpdir(), `ibs-pglite-template-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  provide('pgliteTemplate', file);
  provide('templateKind', 'pglite');
  return async () => {
    await rm(file, { force: true });
  };
}
