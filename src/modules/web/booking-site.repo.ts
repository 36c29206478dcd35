import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

// What the workshop and manage pages show beyond the public catalogue's answer (which is the
// spec's JSON and stays exactly that): the school's branding, the booking policy, whether
// "Sign in with Immersio" can work, and the zone the sessions were scheduled in. Every query is
// scoped by the tenant id the catalogue or the booking already resolved.

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
}

const BRAND_COLUMNS = sql`t.name, t.slug, t.logo_url as "logoUrl", t.time_zone as "timeZone",
  coalesce(lp.primary_color, '#0066FF') as "primaryColor", lp.secondary_color as "secondaryColor",
  coalesce(lp.is_published, false) as "landingPublished"`;

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

export interface WorkshopPageFacts {
  brand: TenantBrand;
  cancellationNoticeHours: number;
  refundWindowHours: number;
  /** The tenant has a live Immersio integration (students can sign in with Immersio). */
  immersioConnected: boolean;
  /** The zone of the next scheduled session (the teacher's), else the school's. */
  sessionTimeZone: string;
}

/** One query: the brand, the workshop's policy, the integration and the next session's zone. */
export async function findWorkshopPageFacts(
  db: Executor,
  tenantId: number,
  workshopId: number,
  now: Date,
): Promise<WorkshopPageFacts | undefined> {
  const [row] = await queryRows<
    TenantBrand & {
      cancellationNoticeHours: number;
      refundWindowHours: number;
      immersioConnected: boolean;
      sessionTimeZone: string | null;
    }
  >(
    db,
    sql`select ${BRAND_COLUMNS},
          et.cancellation_notice_hours as "cancellationNoticeHours",
          et.refund_window_hours as "refundWindowHours",
          exists (
            select 1 from immersio_integrations i
            where i.tenant_id = t.id and i.disconnected_at is null
          ) as "immersioConnected",
          (
            select s.time_zone from workshop_sessions s
            where s.tenant_id = t.id and s.workshop_id = w.id
              and s.status = 'scheduled' and s.start_time > ${now}
            order by s.start_time limit 1
          ) as "sessionTimeZone"
        from tenants t
        join workshops w on w.tenant_id = t.id and w.id = ${workshopId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = t.id
        left join landing_pages lp on lp.tenant_id = t.id
        where t.id = ${tenantId}`,
  );
  if (!row) return undefined;
  const { cancellationNoticeHours, refundWindowHours, immersioConnected, sessionTimeZone, ...brand } = row;
  return {
    brand,
    cancellationNoticeHours,
    refundWindowHours,
    immersioConnected,
    sessionTimeZone: sessionTimeZone ?? brand.timeZone,
  };
}
