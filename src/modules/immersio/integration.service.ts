import type { Database } from '../../db/client.ts';
import { uniqueViolation } from '../../db/errors.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { seal, unseal } from '../../lib/sealed.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { assertFeature, PLANS } from '../tenants/plans.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { lockWorkshopWhitelist, workshopExists } from '../workshops/workshop-lookup.ts';
import { createImmersioClient, type ImmersioClient } from './immersio-client.ts';
import { type SyncCoursesJobPayload, syncCoursesJob } from './immersio-jobs.ts';
import * as incoming from './incoming.repo.ts';
import * as repo from './integration.repo.ts';
import { generateWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';
import { assertWebhookUrl, WebhookUrlError } from './webhook-url.ts';

export const API_KEY_PURPOSE = 'immersio-api-key';
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

  function clientFor(apiKey: string): ImmersioClient {
    if (!deps.env.IMMERSIO_API_URL) {
      throw new AppError('IMMERSIO_NOT_CONNECTED', 'IMMERSIO_API_URL is not configured on this server');
    }
    return createImmersioClient({
      baseUrl: deps.env.IMMERSIO_API_URL,
      apiKey,
      ...(deps.fetch && { fetch: deps.fetch }),
    });
  }

  async function connectedClient(tenantId: number) {
    const integration = await repo.findLive(deps.db, tenantId);
    if (!integration?.apiKeySealed) throw new AppError('IMMERSIO_NOT_CONNECTED');
    return {
      integration,
      client: clientFor(unseal(deps.env.APP_SECRET, API_KEY_PURPOSE, integration.apiKeySealed)),
    };
  }

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
      const { integration, client } = await connectedClient(tenantId);
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
        org = await clientFor(input.apiKey).getOrganization();
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
      try {
        integrationId = await repo.upsertIntegration(deps.db, {
          tenantId: input.tenantId,
          orgId: org.id,
          orgName: org.name,
          apiKeySealed: seal(deps.env.APP_SECRET, API_KEY_PURPOSE, input.apiKey),
          webhookUrl: input.webhookUrl ?? null,
          newWebhookSecretSealed: sealWebhookSecret(deps.env.APP_SECRET, generateWebhookSecret()),
          now: deps.now(),
        });
      } catch (error) {
        if (uniqueViolation(error) !== undefined) {
          throw new AppError('CONFLICT', 'This Immersio organisation is connected to another school');
        }
        throw error;
      }
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

    async mapCourse(input: {
      tenantId: number;
      workshopId: number;
      immersioCourseId: string;
      syncStudents: boolean;
    }) {
      const { client } = await connectedClient(input.tenantId);
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
      // The course's students are read before the transaction: no lock is held over the network.
      const students = new Map<string, { email: string; name: string | null; studentId: string }>();
      let failedToRead: string | undefined;
      if (input.syncStudents) {
        try {
          for await (const s of client.allCourseStudents(input.immersioCourseId)) {
            const email = s.email.trim().toLowerCase();
            if (!students.has(email)) students.set(email, { email, name: s.name ?? null, studentId: s.id });
          }
        } catch (error) {
          failedToRead = error instanceof Error ? error.message : String(error);
        }
      }
      const mappingId = await deps.db.transaction(async (tx) => {
        // The workshop row lock serialises this with whitelist edits of the same workshop.
        if (!(await lockWorkshopWhitelist(tx, input.tenantId, input.workshopId)))
          throw new AppError('WORKSHOP_NOT_FOUND');
        const id = await repo.upsertMapping(tx, {
          tenantId: input.tenantId,
          workshopId: input.workshopId,
          courseId: input.immersioCourseId,
          syncStudents: input.syncStudents,
          now,
        });
        if (input.syncStudents && !failedToRead) {
          await repo.whitelistStudents(tx, input.tenantId, input.workshopId, [...students.values()]);
        }
        const syncId = await repo.startSyncLog(tx, {
          tenantId: input.tenantId,
          syncType: 'students',
          direction: 'pull',
          fullSync: true,
          now,
          leaseUntil: null,
        });
        await repo.finishSyncLog(tx, syncId, {
          status: failedToRead ? 'failed' : 'completed',
          recordsProcessed: students.size,
          recordsFailed: 0,
          coursesCreated: 0,
          coursesUpdated: 0,
          errorDetails: failedToRead
            ? { error: failedToRead, courseId: input.immersioCourseId, workshopId: input.workshopId }
            : { courseId: input.immersioCourseId, workshopId: input.workshopId },
          now,
        });
        return id;
      });
      await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
      if (failedToRead) {
        throw new AppError(
          'INTERNAL_ERROR',
          `The course was mapped but its students could not be read: ${failedToRead}`,
        );
      }
      return {
        mappingId,
        courseName: course.name,
        studentCount: students.size,
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
          errorDetails: r.errorDetails ?? null,
        })),
      };
    },
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
