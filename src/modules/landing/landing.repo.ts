import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { landingPages, tenants } from '../../db/schema/index.ts';

/** The tenant's landing row, created with the column defaults if it doesn't exist yet. */
export async function ensureLandingPage(db: Executor, tenantId: number) {
  await db.insert(landingPages).values({ tenantId }).onConflictDoNothing({ target: landingPages.tenantId });
  const [row] = await db
    .select({
      page: landingPages,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      logoUrl: tenants.logoUrl,
    })
    .from(landingPages)
    .innerJoin(tenants, eq(tenants.id, landingPages.tenantId))
    .where(eq(landingPages.tenantId, tenantId));
  return row!;
}

export type LandingChanges = Partial<
  Pick<
    typeof landingPages.$inferInsert,
    | 'templateId'
    | 'primaryColor'
    | 'secondaryColor'
    | 'heroImageUrl'
    | 'pageTitle'
    | 'pageSubtitle'
    | 'teacherBio'
    | 'teacherAvatarUrl'
    | 'socialLinks'
    | 'ctaText'
    | 'metaTitle'
    | 'metaDescription'
    | 'embedOrigins'
  >
>;

export async function updateLandingPage(db: Executor, tenantId: number, changes: LandingChanges, now: Date) {
  const [row] = await db
    .update(landingPages)
    .set({ ...changes, updatedAt: now })
    .where(eq(landingPages.tenantId, tenantId))
    .returning({ updatedAt: landingPages.updatedAt });
  return row!;
}

export async function updateTenantLogo(db: Executor, tenantId: number, logoUrl: string | null, now: Date) {
  await db.update(tenants).set({ logoUrl, updatedAt: now }).where(eq(tenants.id, tenantId));
}

export async function publishLandingPage(db: Executor, tenantId: number, now: Date) {
  const [row] = await db
    .update(landingPages)
    .set({ isPublished: true, publishedAt: now, updatedAt: now })
    .where(eq(landingPages.tenantId, tenantId))
    .returning({ publishedAt: landingPages.publishedAt });
  return row!;
}
