import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Raw SQL as a named prepared statement, named after its text: PostgreSQL then parses and plans
 * it once per connection rather than on every call. For a hot statement whose planning costs
 * more than running it (a booking's, measured in bench/popular-class.ts; a teacher's busy times).
 * PGlite ignores the name.
 */
export async function queryPrepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (name === undefined) {
    name = `q_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`;
    statementNames.set(built.sql, name);
  }
  const result = (await db._.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
