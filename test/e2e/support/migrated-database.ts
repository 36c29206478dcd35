import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, MIGRATIONS_FOLDER, openDatabase } from '../../../src/db/client.ts';

// A fresh embedded database with every migration applied, for one browser-test server. Creating
// an empty PGlite costs about 3 s and migrating it 0.5 s; restoring a dump of a migrated one
// costs about 1.3 s. The first server of a run makes the dump (named after the migrations'
// contents, so a changed migration makes a new one), the others restore it.

async function migrationsKey(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_FOLDER, { recursive: true })).sort();
  for (const file of files) {
    const full = path.join(MIGRATIONS_FOLDER, file);
    const content = await readFile(full).catch(() => undefined);
    if (content) hash.update(file).update(content);
  }
  return hash.digest('hex').slice(0, 16);
}

export async function freshMigratedDatabase(): Promise<DatabaseHandle> {
  const file = path.join(os.tmpdir(), `ibs-e2e-migrated-${await migrationsKey()}.tar`);
  const dump = await readFile(file).catch(() => undefined);
  if (dump) return openDatabase({ dataDir: '', pgliteLoad: new Blob([dump]) });
  const database = await openDatabase({ dataDir: '', inMemory: true });
  try {
    await database.migrate();
    const made = await database.pglite!.dumpDataDir('none');
    // Written whole under another name first, so a server starting meanwhile never reads half.
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await made.arrayBuffer()));
    await rename(partial, file);
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
