import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

// The school's branding as its public pages wear it (the workshop page, the manage page). Scoped by
// the tenant id the catalogue or the booking already resolved.

/** The school's name, logo and landing colours (the landing page's defaults when it has none). */
export interface TenantBrand {
  name: string;
  slug: string;
  logoUrl: string | null;
  primaryColor: string;
  secondaryColor: string | null;
  /** The landing page is public: the header may link to it. */
  landingPublished: boolean;
  /** The school's own zone, for sessions that name none. */
  timeZone: string;
  /** The language its pages fall back to, and the ones they offer (null: all; issue 18). */
  defaultLanguage: string;
  pageLanguages: string[] | null;
  /** The sites allowed to frame the pages (issue 20). */
  embedOrigins: string[];
}

/** The brand's columns over `tenants t left join landing_pages lp`. */
export const BRAND_COLUMNS = sql`t.name, t.slug, t.logo_url as "logoUrl", t.time_zone as "timeZone",
  t.default_language as "defaultLanguage", t.page_languages as "pageLanguages",
  coalesce(lp.primary_color, '#0066FF') as "primaryColor", lp.secondary_color as "secondaryColor",
  coalesce(lp.is_published, false) as "landingPublished",
  coalesce(lp.embed_origins, '{}') as "embedOrigins"`;

export async function findTenantBrand(db: Executor, tenantId: number): Promise<TenantBrand | undefined> {
  const [row] = await queryRows<TenantBrand>(
    db,
    sql`select ${BRAND_COLUMNS}
        from tenants t
        left join landing_pages lp on lp.tenant_id = t.id
        where t.id = ${tenantId}`,
  );
  return row;
}
