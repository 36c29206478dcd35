import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { retryTransientTransactions } from './retry-transactions.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A repo function accepts the database or a transaction, so callers choose the boundary. */
export type Executor = Database | Tx;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant works; it only has to be the same for every instance of this service.
const MIGRATION_LOCK_KEY = 482_917_311;

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  /** Applies committed migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /** Is the database reachable and fully migrated? */
  ready(): Promise<boolean>;
  close(): Promise<void>;
  /** The embedded instance, for snapshot/restore in tests. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Restore an embedded database from a dump instead of opening DATA_DIR (tests). */
  pgliteLoad?: Blob;
  /** An embedded database that lives only in memory (tests, template building). */
  inMemory?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options);
}

// Contrib modules the migrations create (`create extension`), loaded so PGlite runs the same
// migrations as PostgreSQL: btree_gist for the teacher-busy exclusion constraint (issue 14).
const PGLITE_EXTENSIONS = { btree_gist };

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  let client: PGlite;
  if (options.pgliteLoad) {
    client = await PGlite.create({ loadDataDir: options.pgliteLoad, extensions: PGLITE_EXTENSIONS });
  } else if (options.inMemory) {
    client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  } else {
    const dir = path.resolve(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    const release = await acquireDirLock(dir);
    client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
    const close = client.close.bind(client);
    client.close = async () => {
      await close();
      await release();
    };
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    // One process owns an embedded data directory, so no lock is needed here.
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ready: () => migrationsApplied(db),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  // A request waits at most 5 s for a connection (the pool full, the server away), then is a
  // 503 SERVICE_UNAVAILABLE (db/errors.ts) rather than a request hanging until the proxy cuts it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server (restart, failover, admin termination) is an
  // 'error' event on the pool; unhandled it would crash the process. The pool discards the
  // client and the next query opens a new one, so there is nothing else to do.
  pool.on('error', () => {});
  // PGlite runs one transaction at a time, so only PostgreSQL can deadlock.
  const db = retryTransientTransactions(drizzlePg({ client: pool, schema }) as unknown as Database);
  return {
    kind: 'postgres',
    db,
    pool,
    async migrate() {
      // Session-level advisory lock on one dedicated connection: the second instance waits
      // for the first to finish, then finds nothing left to apply.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    ready: () => migrationsApplied(db),
    close: () => pool.end(),
  };
}

let expectedMigrations: number | undefined;

async function migrationsApplied(db: Database): Promise<boolean> {
  try {
    if (expectedMigrations === undefined) {
      const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
      expectedMigrations = (journal.entries as unknown[]).length;
    }
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return (row?.n ?? 0) >= expectedMigrations;
  } catch {
    return false;
  }
}

/** Raw SQL rows from either driver (both answer with `{rows}`). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. A pid file refuses that with a clear message; a stale one (dead pid) is taken over.
 */
async function acquireDirLock(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, '..', 'pglite.pid');
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${path.dirname(file)} is in use by process ${pid}: stop it first, or set DATABASE_URL`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFile(file, String(process.pid));
  return () => rm(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
