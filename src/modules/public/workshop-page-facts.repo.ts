import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import type { BookingQuestion } from '../workshops/procedures/workshop-questions.schema.ts';
import { storedQuestions } from '../workshops/question-settings.ts';
import { BRAND_COLUMNS, type TenantBrand } from './tenant-brand.repo.ts';

// What a workshop's page shows beyond the public catalogue's answer (which is the spec's JSON and
// stays exactly that): the school's branding, the booking policy, whether "Sign in with Immersio"
// can work, and the zone the sessions were scheduled in. Scoped by the tenant id the catalogue
// already resolved.

export interface WorkshopPageFacts {
  brand: TenantBrand;
  cancellationNoticeHours: number;
  refundWindowHours: number;
  /** The tenant has a live Immersio integration (students can sign in with Immersio). */
  immersioConnected: boolean;
  /** The zone of the next scheduled session (the teacher's), else the school's. */
  sessionTimeZone: string;
  /** Whole-course enrolment (issue 16): the mode, the course price, and the course's size. */
  course: {
    enrolment: 'session' | 'course' | 'both';
    coursePriceCents: number | null;
    /** Scheduled sessions, started or not: what a course price is pro-rated over. */
    sessions: number;
    /** Scheduled sessions not started yet: what an enrolment now would take. */
    remaining: number;
  };
  /** What the booking form asks (issue 17). */
  questions: BookingQuestion[];
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
      enrolment: WorkshopPageFacts['course']['enrolment'];
      coursePriceCents: number | null;
      courseSessions: number;
      remainingSessions: number;
      questions: unknown;
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
          ) as "sessionTimeZone",
          w.enrolment, w.course_price_cents as "coursePriceCents", w.questions,
          (select count(*)::int from workshop_sessions s where s.tenant_id = t.id and s.workshop_id = w.id
             and s.status = 'scheduled') as "courseSessions",
          (select count(*)::int from workshop_sessions s where s.tenant_id = t.id and s.workshop_id = w.id
             and s.status = 'scheduled' and s.start_time > ${now}) as "remainingSessions"
        from tenants t
        join workshops w on w.tenant_id = t.id and w.id = ${workshopId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = t.id
        left join landing_pages lp on lp.tenant_id = t.id
        where t.id = ${tenantId}`,
  );
  if (!row) return undefined;
  const {
    cancellationNoticeHours,
    refundWindowHours,
    immersioConnected,
    sessionTimeZone,
    enrolment,
    coursePriceCents,
    courseSessions,
    remainingSessions,
    questions,
    ...brand
  } = row;
  return {
    brand,
    cancellationNoticeHours,
    refundWindowHours,
    immersioConnected,
    sessionTimeZone: sessionTimeZone ?? brand.timeZone,
    course: { enrolment, coursePriceCents, sessions: courseSessions, remaining: remainingSessions },
    questions: storedQuestions(questions),
  };
}
