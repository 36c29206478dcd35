import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { adminUrl, runDatabaseName, runPidOf, TEST_DB_PREFIX } from './db-names.ts';

/**
 * Builds one migrated database that every test file clones: a PostgreSQL template database
 * when DATABASE_URL is set, otherwise a PGlite dump written to a temp file.
 */
export default async function setup({ provide }: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = runDatabaseName(process.pid, 'template');
    const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
    await admin.connect();
    // Leftovers of interrupted runs (their process is gone); other live runs' databases stay.
    const stale = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like '${TEST_DB_PREFIX}%'`,
    );
    for (const { datname } of stale.rows) {
      const pid = runPidOf(datname);
      if (pid !== undefined && (pid === process.pid || !isAlive(pid))) {
        await admin.query(`drop database if exists "${datname}" with (force)`);
      }
    }
    await admin.query(`create database "${template}"`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${template}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    await handle.migrate();
    await handle.close();
    provide('templateDb', template);
    provide('templateKind', 'postgres');
    return async () => {
      const cleaner = new pg.Client({ connectionString: adminUrl(databaseUrl) });
      await cleaner.connect();
      const mine = await cleaner.query<{ datname: string }>(
        `select datname from pg_database where datname like '${runDatabaseName(process.pid, '')}%'`,
      );
      for (const { datname } of mine.rows)
        await cleaner.query(`drop database if exists "${datname}" with (force)`);
      await cleaner.end();
    };
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
