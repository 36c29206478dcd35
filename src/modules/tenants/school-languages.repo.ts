import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { tenants } from '../../db/schema/index.ts';

// The school's page languages (issue 18): tenants.default_language and tenants.page_languages.

export interface SchoolLanguagesRow {
  defaultLanguage: string;
  /** null: every supported language, including ones added later. */
  pageLanguages: string[] | null;
}

const COLUMNS = { defaultLanguage: tenants.defaultLanguage, pageLanguages: tenants.pageLanguages };

export async function findSchoolLanguages(
  db: Executor,
  tenantId: number,
): Promise<SchoolLanguagesRow | undefined> {
  const [row] = await db.select(COLUMNS).from(tenants).where(eq(tenants.id, tenantId));
  return row;
}

/** The row locked until the transaction ends, so a check against it cannot race another change. */
export async function lockSchoolLanguages(
  db: Executor,
  tenantId: number,
): Promise<SchoolLanguagesRow | undefined> {
  const [row] = await db.select(COLUMNS).from(tenants).where(eq(tenants.id, tenantId)).for('update');
  return row;
}

export async function updateSchoolLanguages(
  db: Executor,
  tenantId: number,
  values: SchoolLanguagesRow,
  now: Date,
): Promise<void> {
  await db
    .update(tenants)
    .set({ defaultLanguage: values.defaultLanguage, pageLanguages: values.pageLanguages, updatedAt: now })
    .where(eq(tenants.id, tenantId));
}
