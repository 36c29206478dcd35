import type { Database } from '../../db/client.ts';
import { uniqueViolation } from '../../db/errors.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { seal } from '../../lib/sealed.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import type { DeliveryContext } from '../outbox/job-definition.ts';
import { assertFeature, PLANS } from '../tenants/plans.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { type CourseLinkJobPayload, enqueueCourseLink } from '../workshops/course-link.ts';
import { lockWorkshopWhitelist, workshopExists } from '../workshops/workshop-lookup.ts';
import { type CourseStudent, readCourseStudents, writeCourseLink } from './course-students.ts';
import { ImmersioApiError } from './immersio-api-error.ts';
import { API_KEY_PURPOSE, connectedClient, immersioClientFor } from './immersio-connection.ts';
import { type SyncCoursesJobPayload, syncCoursesJob } from './immersio-jobs.ts';
import * as incoming from './incoming.repo.ts';
import * as repo from './integration.repo.ts';
import { linkWorkshopCourse } from './link-workshop-course.ts';
import { recordSyncProgress, SYNC_PROGRESS_EVERY } from './sync-progress.ts';
import { generateWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';
import { assertWebhookUrl, WebhookUrlError } from './webhook-url.ts';

/** How long `syncCourses` waits for the worker before answering `started`. */
const SYNC_WAIT_MS = 10_000;
/** A running sync renews its lease this often; a lapsed lease means its process died. */
const SYNC_LEASE_MS = 60_000;

export interface IntegrationDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
  wakeOutbox: () => void;
  /** Tests and the simulator may hand in their own fetch. */
  fetch?: typeof fetch;
}

/**
 * immersio.integration.*: connecting an organisation (the key is tested before anything is
 * stored, and kept sealed), course syncs run by the outbox worker under a per-tenant lease, and
 * course-to-workshop mappings that pull the course's students into the whitelist.
 */
export function createIntegrationService(deps: IntegrationDeps) {
  const log = deps.logger.child({ component: 'immersio' });

  async function plan(tenantId: number) {
    const tenant = await findTenant(deps.db, { id: tenantId });
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    return PLANS[tenant.plan];
  }

  /** The sync itself (in the worker): every course page upserted, errors per course kept. */
  async function runCourseSync(tenantId: number, syncId: number) {
    const log_ = await repo.findSyncLog(deps.db, tenantId, syncId);
    if (log_?.status !== 'running') return;
    const startedAt = deps.now();
    const counts = { processed: 0, failed: 0, created: 0, updated: 0 };
    const errors: Array<{ courseId: string; error: string }> = [];
    const lease = setInterval(() => {
      void repo
        .renewSyncLease(deps.db, syncId, new Date(deps.now().getTime() + SYNC_LEASE_MS))
        .catch(() => {});
    }, SYNC_LEASE_MS / 3);
    try {
      const { integration, client } = await connectedClient(deps, tenantId);
      const since =
        !log_.fullSync && integration.coursesSyncedAt
          ? new Date(integration.coursesSyncedAt).toISOString()
          : undefined;
      for await (const course of client.allCourses(since ? { updatedSince: since } : {})) {
        counts.processed += 1;
        try {
          const outcome = await incoming.upsertCourse(deps.db, {
            tenantId,
            courseId: course.id,
            name: course.name,
            description: course.description ?? null,
            status: course.status,
            studentCount: course.studentCount ?? null,
            remoteUpdatedAt: course.updatedAt ? new Date(course.updatedAt) : null,
            now: deps.now(),
          });
          counts[outcome] += 1;
        } catch (error) {
          counts.failed += 1;
          errors.push({ courseId: course.id, error: error instanceof Error ? error.message : String(error) });
        }
        // The staff app polls getSyncHistory while a sync runs: it shows these counts.
        if (counts.processed % SYNC_PROGRESS_EVERY === 0) await recordSyncProgress(deps.db, syncId, counts);
      }
      await repo.finishSyncLog(deps.db, syncId, {
        status: 'completed',
        recordsProcessed: counts.processed,
        recordsFailed: counts.failed,
        coursesCreated: counts.created,
        coursesUpdated: counts.updated,
        errorDetails: errors.length > 0 ? { courses: errors } : null,
        now: deps.now(),
      });
      await repo.setCoursesSyncedAt(deps.db, tenantId, startedAt);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ tenantId, syncId, err: error }, 'course sync failed');
      await repo.finishSyncLog(deps.db, syncId, {
        status: 'failed',
        recordsProcessed: counts.processed,
        recordsFailed: counts.failed,
        coursesCreated: counts.created,
        coursesUpdated: counts.updated,
        errorDetails: { error: message, courses: errors },
        now: deps.now(),
      });
    } finally {
      clearInterval(lease);
    }
  }

  function syncAnswer(row: repo.SyncLogRow) {
    const courses = (row.errorDetails as { courses?: Array<{ courseId: string; error: string }> } | null)
      ?.courses;
    return {
      syncId: row.id,
      status: row.status === 'running' ? ('started' as const) : (row.status as 'completed' | 'failed'),
      coursesFound: row.recordsProcessed,
      coursesUpdated: row.coursesUpdated,
      coursesCreated: row.coursesCreated,
      errors: courses ?? [],
    };
  }

  return {
    async connect(input: {
      tenantId: number;
      immersioOrgId: string;
      apiKey: string;
      webhookUrl?: string | undefined;
    }) {
      assertFeature(await plan(input.tenantId), 'immersioSync');
      if (input.webhookUrl) {
        try {
          await assertWebhookUrl(input.webhookUrl, {
            allowPrivate: deps.env.ALLOW_PRIVATE_WEBHOOK_URLS,
            requireHttps: deps.env.NODE_ENV === 'production',
          });
        } catch (error) {
          if (!(error instanceof WebhookUrlError)) throw error;
          throw new AppError('VALIDATION_ERROR', `webhookUrl: ${error.message}`, {
            issues: [{ path: 'webhookUrl', message: error.message }],
          });
        }
      }
      const existing = await repo.findLive(deps.db, input.tenantId);
      const failed = (error: string) => ({
        success: false,
        integrationId: existing?.id ?? 0,
        testResult: { connectionValid: false, error },
      });
      let org: { id: string; name: string; courseCount: number };
      try {
        org = await immersioClientFor(deps, input.apiKey).getOrganization();
      } catch (error) {
        if (error instanceof AppError) return failed(error.message);
        log.info({ tenantId: input.tenantId, err: error }, 'Immersio connection test failed');
        return failed(error instanceof Error ? error.message : 'The connection test failed');
      }
      if (org.id !== input.immersioOrgId) {
        return failed(`The API key belongs to organisation ${org.id}, not ${input.immersioOrgId}`);
      }
      // Only after the key proved to be this organisation's: otherwise any school could probe
      // which organisation ids are connected elsewhere.
      const holder = await repo.orgHolder(deps.db, input.immersioOrgId);
      if (holder !== undefined && holder !== input.tenantId) {
        throw new AppError('CONFLICT', 'This Immersio organisation is connected to another school');
      }
      let integrationId: number;
      let linksQueued: number;
      try {
        ({ integrationId, linksQueued } = await deps.db.transaction(async (tx) => {
          const id = await repo.upsertIntegration(tx, {
            tenantId: input.tenantId,
            orgId: org.id,
            orgName: org.name,
            apiKeySealed: seal(deps.env.APP_SECRET, API_KEY_PURPOSE, input.apiKey),
            webhookUrl: input.webhookUrl ?? null,
            newWebhookSecretSealed: sealWebhookSecret(deps.env.APP_SECRET, generateWebhookSecret()),
            now: deps.now(),
          });
          // Workshops given a course while the school was not connected are linked now.
          const waiting = await repo.workshopsAwaitingLink(tx, input.tenantId);
          for (const workshopId of waiting) await enqueueCourseLink(tx, input.tenantId, workshopId);
          return { integrationId: id, linksQueued: waiting.length };
        }));
      } catch (error) {
        if (uniqueViolation(error) !== undefined) {
          throw new AppError('CONFLICT', 'This Immersio organisation is connected to another school');
        }
        throw error;
      }
      if (linksQueued > 0) deps.wakeOutbox();
      await deps.bus.publish({ type: 'tenant', tenantId: input.tenantId });
      return {
        success: true,
        integrationId,
        testResult: { connectionValid: true, orgName: org.name, courseCount: org.courseCount },
      };
    },

    async syncCourses(input: { tenantId: number; fullSync: boolean }) {
      const integration = await repo.findLive(deps.db, input.tenantId);
      if (!integration?.apiKeySealed) throw new AppError('IMMERSIO_NOT_CONNECTED');
      const now = deps.now();
      let syncId: number;
      try {
        syncId = await deps.db.transaction(async (tx) => {
          await repo.failAbandonedSyncs(tx, input.tenantId, 'courses', now);
          const id = await repo.startSyncLog(tx, {
            tenantId: input.tenantId,
            syncType: 'courses',
            direction: 'pull',
            fullSync: input.fullSync,
            now,
            leaseUntil: new Date(now.getTime() + SYNC_LEASE_MS),
          });
          await enqueueJob(tx, syncCoursesJob, { syncId: id }, { tenantId: input.tenantId });
          return id;
        });
      } catch (error) {
        if (uniqueViolation(error) === 'sync_logs_one_running_uq') throw new AppError('SYNC_IN_PROGRESS');
        throw error;
      }
      deps.wakeOutbox();
      const deadline = Date.now() + SYNC_WAIT_MS;
      for (;;) {
        const row = await repo.findSyncLog(deps.db, input.tenantId, syncId);
        if (!row) throw new AppError('INTERNAL_ERROR', 'The sync log disappeared');
        if (row.status !== 'running' || Date.now() >= deadline) return syncAnswer(row);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    /** The outbox handler that runs a course sync. */
    async syncHandler(payload: SyncCoursesJobPayload, ctx: { tenantId: number | null }) {
      if (ctx.tenantId === null)
        throw Object.assign(new Error('A sync job needs its tenant'), { permanent: true });
      await runCourseSync(ctx.tenantId, payload.syncId);
    },

    /** The outbox handler of a workshop's course link (see link-workshop-course.ts). */
    linkWorkshopCourse: (payload: CourseLinkJobPayload, ctx: DeliveryContext) =>
      linkWorkshopCourse(deps, payload, ctx),

    async mapCourse(input: {
      tenantId: number;
      workshopId: number;
      immersioCourseId: string;
      syncStudents: boolean;
    }) {
      const { client } = await connectedClient(deps, input.tenantId);
      if (!(await workshopExists(deps.db, input.tenantId, input.workshopId)))
        throw new AppError('WORKSHOP_NOT_FOUND');
      const course = await repo.findCourse(deps.db, input.tenantId, input.immersioCourseId);
      if (!course) {
        throw new AppError(
          'NOT_FOUND',
          `Unknown Immersio course ${input.immersioCourseId}: run syncCourses first`,
        );
      }
      if (input.syncStudents) assertFeature(await plan(input.tenantId), 'whitelist');
      const now = deps.now();
      // Read even without syncStudents: the answer's studentCount is the course's real count.
      let students: CourseStudent[] = [];
      let failedToRead: string | undefined;
      let transient = false;
      try {
        students = await readCourseStudents(client, input.immersioCourseId);
      } catch (error) {
        failedToRead = error instanceof Error ? error.message : String(error);
        transient = error instanceof ImmersioApiError && error.retryable;
      }
      // Not syncing, a failed read only costs the live count: the mirrored one (last course sync
      // or course webhook) answers instead, when there is one.
      const fallbackCount = input.syncStudents ? null : course.studentCount;
      const pullFailed = failedToRead !== undefined && (input.syncStudents || fallbackCount === null);
      const mappingId = await deps.db.transaction(async (tx) => {
        // The workshop row lock serialises this with whitelist edits of the same workshop.
        if (!(await lockWorkshopWhitelist(tx, input.tenantId, input.workshopId)))
          throw new AppError('WORKSHOP_NOT_FOUND');
        return writeCourseLink(tx, {
          tenantId: input.tenantId,
          workshopId: input.workshopId,
          courseId: input.immersioCourseId,
          syncStudents: input.syncStudents,
          students,
          failedToRead: pullFailed ? failedToRead : undefined,
          now,
        });
      });
      await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
      if (pullFailed) {
        // Immersio away (timeout, 5xx, 429): retryable, as the mapping is kept and a new call pulls
        // the students. Anything else Immersio refused is not the caller's to fix by retrying.
        throw new AppError(
          transient ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR',
          transient
            ? `The course was mapped but Immersio could not be reached for its students (${failedToRead}); call mapCourse again to pull them`
            : `The course was mapped but its students could not be read: ${failedToRead}`,
        );
      }
      return {
        mappingId,
        courseName: course.name,
        studentCount: failedToRead === undefined ? students.length : fallbackCount!,
        whitelistUpdated: input.syncStudents,
      };
    },

    async getSyncHistory(input: {
      tenantId: number;
      syncType?: 'courses' | 'students' | 'all' | undefined;
      limit: number;
    }) {
      const rows = await repo.listSyncLogs(
        deps.db,
        input.tenantId,
        input.syncType === 'all' ? undefined : input.syncType,
        input.limit,
      );
      return {
        logs: rows.map((r) => ({
          id: r.id,
          syncType: r.syncType,
          direction: r.direction,
          status: r.status,
          recordsProcessed: r.recordsProcessed,
          recordsFailed: r.recordsFailed,
          startedAt: r.startedAt,
          completedAt: r.completedAt,
          errorDetails: carriesErrors(r) ? r.errorDetails : null,
        })),
      };
    },
  };
}

/**
 * Only a failed or partly failed sync carries `errorDetails`. Older successful student syncs
 * stored the course and workshop there; they answer null like every other success.
 */
function carriesErrors(row: repo.SyncLogRow): boolean {
  if (row.errorDetails === null || row.errorDetails === undefined) return false;
  if (row.status === 'failed' || row.recordsFailed > 0) return true;
  const courses = (row.errorDetails as { courses?: unknown }).courses;
  return Array.isArray(courses) && courses.length > 0;
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
