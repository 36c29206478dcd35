import { z } from 'zod';
import type { Database, Executor } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { findUnsafeInput, INT4_MAX } from '../../lib/boundary.schema.ts';
import { AppError, validationError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import * as repo from './incoming.repo.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

const envelope = z.object({
  event: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()),
  timestamp: z.string().max(100),
  webhookId: z.string().min(1).max(200),
});

const id = z.string().trim().min(1).max(200);
const email = z.string().trim().toLowerCase().pipe(z.email());

const courseData = z.object({
  courseId: id,
  name: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).nullish(),
  status: z.string().max(50).optional(),
  studentCount: z.number().int().min(0).max(INT4_MAX).optional(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
const deletedCourse = z.object({ courseId: id });
const enrolled = z.object({ courseId: id, studentId: id, email, name: z.string().trim().max(200).nullish() });
const unenrolled = z.object({ courseId: id, studentId: id, email: email.optional() });
const studentUpdated = z.object({
  studentId: id,
  email: email.optional(),
  name: z.string().trim().max(200).optional(),
});

export const HANDLED_EVENTS = [
  'course.created',
  'course.updated',
  'course.deleted',
  'student.enrolled',
  'student.unenrolled',
  'student.updated',
] as const;
type HandledEvent = (typeof HANDLED_EVENTS)[number];

/**
 * POST /api/v1/webhooks/immersio: signed (any of IMMERSIO_WEBHOOK_SECRET's secrets, ±300 s),
 * idempotent on `webhookId`, routed to a tenant by the signed organisation or course, each event applied
 * in one transaction together with the claim of its id.
 */
export function createIncomingWebhooksService(deps: {
  db: Database;
  env: Env;
  logger: Logger;
  now: () => Date;
}) {
  const log = deps.logger.child({ component: 'immersio-webhooks' });

  async function apply(tx: Executor, tenantId: number, event: HandledEvent, data: unknown, now: Date) {
    const parse = <S extends z.ZodType>(schema: S): z.output<S> => {
      const result = schema.safeParse(data);
      if (!result.success)
        throw validationError(result.error.issues.map((i) => ({ ...i, path: ['data', ...i.path] })));
      return result.data;
    };
    switch (event) {
      case 'course.created':
      case 'course.updated': {
        const c = parse(courseData);
        await repo.upsertCourse(tx, {
          tenantId,
          courseId: c.courseId,
          name: c.name,
          description: c.description ?? null,
          status: c.status ?? 'active',
          studentCount: c.studentCount ?? null,
          remoteUpdatedAt: c.updatedAt ? new Date(c.updatedAt) : null,
          now,
        });
        return;
      }
      case 'course.deleted':
        await repo.markCourseDeleted(tx, tenantId, parse(deletedCourse).courseId, now);
        return;
      case 'student.enrolled': {
        const s = parse(enrolled);
        const workshops = await repo.syncedWorkshops(tx, tenantId, s.courseId);
        await repo.enrollStudent(tx, tenantId, workshops, {
          email: s.email,
          name: s.name ?? null,
          studentId: s.studentId,
        });
        return;
      }
      case 'student.unenrolled': {
        const s = parse(unenrolled);
        const workshops = await repo.syncedWorkshops(tx, tenantId, s.courseId);
        await repo.unenrollStudent(tx, tenantId, workshops, {
          studentId: s.studentId,
          email: s.email ?? null,
        });
        return;
      }
      case 'student.updated': {
        const s = parse(studentUpdated);
        await repo.updateStudent(tx, tenantId, {
          studentId: s.studentId,
          email: s.email ?? null,
          name: s.name ?? null,
        });
        return;
      }
    }
  }

  return {
    async receive(input: {
      body: Buffer;
      signature: string | undefined;
      timestamp: string | undefined;
      orgId: string | undefined;
    }): Promise<{ success: true; processed: boolean }> {
      const now = deps.now();
      const check = verifyWebhookSignature({
        secrets: deps.env.IMMERSIO_WEBHOOK_SECRET,
        signature: input.signature,
        timestamp: input.timestamp,
        body: input.body,
        nowSeconds: Math.floor(now.getTime() / 1000),
      });
      if (check !== 'ok') {
        if (deps.env.IMMERSIO_WEBHOOK_SECRET.length === 0)
          log.error('IMMERSIO_WEBHOOK_SECRET is not set: refusing webhooks');
        log.warn({ check }, 'immersio webhook refused');
        throw new AppError('INVALID_WEBHOOK_SIGNATURE');
      }
      let json: unknown;
      try {
        json = JSON.parse(input.body.toString('utf8'));
      } catch {
        throw new AppError('VALIDATION_ERROR', 'The body is not JSON');
      }
      // Signed is not well-formed: the same boundary rules as any other input.
      const unsafe = findUnsafeInput(json);
      if (unsafe) throw validationError([unsafe]);
      const parsed = envelope.safeParse(json);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const { event, data, webhookId } = parsed.data;

      // Routed by what the signature covers only: the X-Immersio-Org-Id header is not signed, so a
      // captured delivery replayed with another header must land where the genuine one would.
      const signedOrgId =
        typeof data.orgId === 'string' || typeof data.orgId === 'number' ? String(data.orgId) : undefined;
      if (input.orgId !== undefined && input.orgId !== signedOrgId) {
        log.warn(
          { webhookId, header: input.orgId, signedOrgId },
          'X-Immersio-Org-Id differs from the signed data.orgId: header ignored',
        );
      }
      const tenantId =
        signedOrgId !== undefined
          ? await repo.tenantByOrg(deps.db, signedOrgId)
          : typeof data.courseId === 'string'
            ? await repo.tenantByCourse(deps.db, data.courseId)
            : undefined;
      if (tenantId === undefined) {
        // Not claimed: the id is only spent once the delivery is verified and routed, so Immersio's
        // retry after the school connects (or a course sync) is still applied.
        log.info({ webhookId, event, orgId: signedOrgId }, 'webhook for no known tenant');
        return { success: true, processed: false };
      }
      if (!(HANDLED_EVENTS as readonly string[]).includes(event)) {
        // Recorded all the same, so a replay gets the same answer without being looked at again.
        await repo.claimWebhook(deps.db, { webhookId, tenantId, event, processed: false, now });
        log.info({ webhookId, event, tenantId }, 'webhook event not handled');
        return { success: true, processed: false };
      }
      const processed = await deps.db.transaction(async (tx) => {
        if (!(await repo.claimWebhook(tx, { webhookId, tenantId, event, processed: true, now })))
          return false;
        await apply(tx, tenantId, event as HandledEvent, data, now);
        return true;
      });
      log.info({ webhookId, event, tenantId, processed }, 'immersio webhook');
      return { success: true, processed };
    },
  };
}

export type IncomingWebhooksService = ReturnType<typeof createIncomingWebhooksService>;
