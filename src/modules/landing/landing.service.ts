import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import {
  changeSchoolLanguages,
  type SchoolLanguagesChange,
  schoolLanguages,
  schoolLanguagesView,
} from '../tenants/school-languages.ts';
import * as repo from './landing.repo.ts';

export interface LandingUpdate extends repo.LandingChanges, SchoolLanguagesChange {
  logoUrl?: string | null;
}

export function createLandingService(deps: { db: Database; env: Env; bus: CacheBus; now: () => Date }) {
  async function settings(tenantId: number) {
    const [{ page, tenantName, tenantSlug, logoUrl }, languages] = await Promise.all([
      repo.ensureLandingPage(deps.db, tenantId),
      schoolLanguages(deps.db, tenantId),
    ]);
    return {
      id: page.id,
      templateId: page.templateId,
      primaryColor: page.primaryColor,
      secondaryColor: page.secondaryColor,
      logoUrl,
      heroImageUrl: page.heroImageUrl,
      // Until the school writes its own title, the page is titled with the school's name.
      pageTitle: page.pageTitle ?? tenantName,
      pageSubtitle: page.pageSubtitle,
      teacherBio: page.teacherBio,
      teacherAvatarUrl: page.teacherAvatarUrl,
      socialLinks: page.socialLinks,
      ctaText: page.ctaText,
      metaTitle: page.metaTitle,
      metaDescription: page.metaDescription,
      isPublished: page.isPublished,
      publicUrl: page.isPublished ? tenantPublicUrl(deps.env, tenantSlug) : null,
      updatedAt: page.updatedAt,
      embedOrigins: page.embedOrigins,
      ...schoolLanguagesView(languages),
    };
  }

  return {
    getSettings: ({ tenantId }: { tenantId: number }) => settings(tenantId),

    async updateSettings({ tenantId, changes }: { tenantId: number; changes: LandingUpdate }) {
      const now = deps.now();
      const { logoUrl, defaultLanguage, languages, ...pageChanges } = changes;
      const result = await deps.db.transaction(async (tx) => {
        await repo.ensureLandingPage(tx, tenantId);
        if (logoUrl !== undefined) await repo.updateTenantLogo(tx, tenantId, logoUrl, now);
        await changeSchoolLanguages(tx, tenantId, { defaultLanguage, languages }, now);
        return repo.updateLandingPage(tx, tenantId, pageChanges, now);
      });
      // Every instance drops the tenant's cached answers and the pages drawn from them (each
      // language's), so a changed default or narrowed list shows at once everywhere.
      await deps.bus.publish({ type: 'tenant', tenantId });
      return { success: true, updatedAt: result.updatedAt };
    },

    async publish({ tenantId }: { tenantId: number }) {
      const now = deps.now();
      const { tenantSlug } = await repo.ensureLandingPage(deps.db, tenantId);
      const { publishedAt } = await repo.publishLandingPage(deps.db, tenantId, now);
      await deps.bus.publish({ type: 'tenant', tenantId });
      return { success: true, publicUrl: tenantPublicUrl(deps.env, tenantSlug), publishedAt: publishedAt! };
    },
  };
}

export type LandingService = ReturnType<typeof createLandingService>;
