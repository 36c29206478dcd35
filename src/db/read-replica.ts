import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from './client.ts';
import * as schema from './schema/index.ts';

/**
 * A PostgreSQL read replica (`DATABASE_READ_URL`) for answers where a little lag is harmless:
 * the public catalogue and landing data, and staff statistics (docs/scaling.md). Never migrated
 * or written through; everything else, bookings above all, reads the primary.
 */
export interface ReadReplica {
  db: Database;
  close(): Promise<void>;
}

export function openReadReplica(url: string, poolSize: number): ReadReplica {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    // Read-only sessions, so a write that strays here fails at once (a replica refuses it anyway).
    options: '-c default_transaction_read_only=on',
  });
  // As on the primary: a connection the server drops is discarded, the next query opens another.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  return { db, close: () => pool.end() };
}
