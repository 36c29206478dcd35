import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../src/db/client.ts';

// What would stop a distributed PostgreSQL (Citus) from distributing the schema by tenant
// (docs/scaling.md). Tables with a `tenant_id` would be distributed and co-located; tables
// without one (tenants, plans, users, …) would be reference tables, copied to every node. Citus needs:
// the distribution column NOT NULL and in every primary key, unique and exclusion constraint of
// a distributed table; foreign keys between distributed tables that include it on both sides;
// and no foreign key from a reference table to a distributed one.

export type Blocker =
  | `nullable tenant_id: ${string}`
  | `primary key without tenant_id: ${string}`
  | `unique without tenant_id: ${string}`
  | `exclusion without tenant_id: ${string}`
  | `foreign key not co-located: ${string}`
  | `reference table points at a distributed one: ${string}`;

interface Column {
  table: string;
  column: string;
  notNull: boolean;
}

interface Constraint {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'x' | 'f' | 'i';
  columns: string[];
  target: string | null;
  targetColumns: string[];
}

export async function citusBlockers(db: Executor): Promise<Blocker[]> {
  const columns = await queryRows<Column>(
    db,
    sql`select c.relname as "table", a.attname as "column", a.attnotnull as "notNull"
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and a.attname = 'tenant_id'`,
  );
  const constraints = await queryRows<Constraint>(
    db,
    sql`select c.relname as "table", k.conname as name, k.contype::text as kind,
               array(select a.attname::text from unnest(k.conkey) as u(n) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n) as columns,
               t.relname as target,
               coalesce(array(select a.attname::text from unnest(k.confkey) with ordinality as u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i), '{}') as "targetColumns"
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        left join pg_class t on t.oid = k.confrelid
        where n.nspname = 'public' and k.contype in ('p', 'u', 'x', 'f')
        union all
        select c.relname, i.relname, 'i',
               array(select a.attname::text from unnest(x.indkey::int2[]) as u(n) join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.n),
               null, '{}'
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and x.indisunique
          and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`,
  );
  // The column each distributed table is distributed by.
  const distribution = new Map<string, Column>();
  for (const column of columns) {
    if (column.column === 'tenant_id') distribution.set(column.table, column);
  }

  const blockers: Blocker[] = [];
  for (const [table, column] of distribution) {
    if (!column.notNull) blockers.push(`nullable tenant_id: ${table}`);
  }
  for (const k of constraints) {
    const key = distribution.get(k.table)?.column;
    const label = `${k.table}.${k.name}`;
    if (key === undefined) {
      if (k.kind === 'f' && k.target && distribution.has(k.target)) {
        blockers.push(`reference table points at a distributed one: ${label}`);
      }
      continue;
    }
    const hasKey = k.columns.includes(key);
    if (k.kind === 'p' && !hasKey) blockers.push(`primary key without tenant_id: ${label}`);
    if ((k.kind === 'u' || k.kind === 'i') && !hasKey) blockers.push(`unique without tenant_id: ${label}`);
    if (k.kind === 'x' && !hasKey) blockers.push(`exclusion without tenant_id: ${label}`);
    if (k.kind === 'f' && k.target) {
      const targetKey = distribution.get(k.target)?.column;
      if (targetKey === undefined) continue;
      const at = k.columns.indexOf(key);
      if (at === -1 || k.targetColumns[at] !== targetKey)
        blockers.push(`foreign key not co-located: ${label}`);
    }
  }
  return blockers.sort();
}
