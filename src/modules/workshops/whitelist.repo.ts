import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate } from '../../db/rows.ts';
import { likeContains } from './workshop-list.repo.ts';

export interface WhitelistFilters {
  tenantId: number;
  workshopId: number;
  /** Part of the email or the name, any case. */
  search?: string | undefined;
}

function whitelistWhere(f: WhitelistFilters) {
  const conditions = [sql`tenant_id = ${f.tenantId}`, sql`workshop_id = ${f.workshopId}`];
  if (f.search) {
    const pattern = likeContains(f.search);
    conditions.push(sql`(email ilike ${pattern} or name ilike ${pattern})`);
  }
  return sql.join(conditions, sql` and `);
}

export interface WhitelistRow {
  email: string;
  name: string | null;
  immersioStudentId: string | null;
  createdAt: Date;
}

/** One page of a workshop's whitelist, alphabetical by email. */
export async function listWhitelistPage(
  db: Executor,
  f: WhitelistFilters,
  page: { limit: number; offset: number },
) {
  const rows = await queryRows<RawRow<WhitelistRow>>(
    db,
    sql`select email, name, immersio_student_id as "immersioStudentId", created_at as "createdAt"
        from whitelist_entries
        where ${whitelistWhere(f)}
        order by email
        limit ${page.limit} offset ${page.offset}`,
  );
  return rows.map((row): WhitelistRow => ({ ...row, createdAt: toDate(row.createdAt) }));
}

export async function countWhitelistMatches(db: Executor, f: WhitelistFilters): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from whitelist_entries where ${whitelistWhere(f)}`,
  );
  return row?.n ?? 0;
}
