import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { type Blocker, citusBlockers } from '../support/citus-readiness.ts';
import { createTestDatabase } from '../support/db.ts';
import { KNOWN_CITUS_BLOCKERS } from './citus-known-blockers.ts';

// Issue 19 part 6: the schema on the way to a distributed PostgreSQL (docs/scaling.md). The
// blockers known today are listed; a new table or constraint that adds one fails here, and one
// that is removed must be struck off the list, so the list is always the work left.

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('distribution by tenant_id (Citus readiness)', () => {
  it('adds no blocker to the known ones, and the list holds no blocker already gone', async () => {
    const found = await citusBlockers(database.db);
    const known = new Set<Blocker>(KNOWN_CITUS_BLOCKERS);
    expect(
      found.filter((blocker) => !known.has(blocker)),
      'new blockers (see docs/scaling.md)',
    ).toEqual([]);
    expect(
      KNOWN_CITUS_BLOCKERS.filter((blocker) => !found.includes(blocker)),
      'blockers fixed: strike them off test/integration/citus-known-blockers.ts',
    ).toEqual([]);
  });

  it('finds each kind of blocker in a table made to have them', async () => {
    const { sql } = await import('drizzle-orm');
    await database.db.execute(
      sql`create table probe_parent (id serial primary key, tenant_id integer not null)`,
    );
    await database.db.execute(
      sql`create table probe_child (id serial primary key, tenant_id integer, code text unique,
          parent_id integer references probe_parent (id))`,
    );
    await database.db.execute(
      sql`create table probe_reference (id serial primary key, child_id integer references probe_child (id))`,
    );
    const found = (await citusBlockers(database.db)).filter((b) => b.includes('probe_'));
    expect(found).toEqual([
      'foreign key not co-located: probe_child.probe_child_parent_id_fkey',
      'nullable tenant_id: probe_child',
      'primary key without tenant_id: probe_child.probe_child_pkey',
      'primary key without tenant_id: probe_parent.probe_parent_pkey',
      'reference table points at a distributed one: probe_reference.probe_reference_child_id_fkey',
      'unique without tenant_id: probe_child.probe_child_code_key',
    ]);
  });
});
