import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { slugify, uniqueSlug } from '../../lib/slug.ts';
import { enqueue } from '../outbox/outbox.repo.ts';
import { assertFeature, assertWithinLimit, PLANS } from '../tenants/plans.ts';
import { lockTenant } from '../tenants/tenants.repo.ts';
import type { CreateWorkshopInput } from './procedures/create-workshop.schema.ts';
import { expandRecurrence } from './recurrence.ts';
import * as repo from './workshops.repo.ts';

export function createWorkshopsService(deps: {
  db: Database;
  env: Env;
  now: () => Date;
  wakeOutbox: () => void;
}) {
  /** `{tenant host or base}/{teacherSlug}/{workshopSlug}`; see docs/decisions.md. */
  function bookingUrl(tenantSlug: string, teacherName: string, workshopSlug: string): string {
    return `${tenantPublicUrl(deps.env, tenantSlug)}/${slugify(teacherName)}/${workshopSlug}`;
  }

  return {
    bookingUrl,

    /** Everything staff see about one workshop, including every session and meeting links. */
    async get({ tenantId, workshopId }: { tenantId: number; workshopId: number }) {
      const found = await repo.findWorkshop(deps.db, tenantId, workshopId);
      if (!found) throw new AppError('WORKSHOP_NOT_FOUND');
      const [sessions, whitelistCount] = await Promise.all([
        repo.listSessions(deps.db, tenantId, workshopId),
        repo.countWhitelist(deps.db, tenantId, workshopId),
      ]);
      const { workshop, eventType, teacher } = found;
      return {
        id: workshop.id,
        eventTypeId: eventType.id,
        title: eventType.title,
        slug: eventType.slug,
        description: eventType.description,
        duration: eventType.durationMinutes,
        price: eventType.priceCents,
        currency: eventType.currency,
        seats: eventType.seats,
        locations: eventType.locations as Array<{ type: string; link?: string; address?: string }>,
        teacher,
        status: workshop.status,
        workshopType: workshop.workshopType,
        topicCategory: workshop.topicCategory,
        whitelistEnabled: workshop.whitelistEnabled,
        whitelistCount,
        immersioCourseId: workshop.immersioCourseId,
        syncStudentsFromImmersio: workshop.syncStudentsFromImmersio,
        refundWindowHours: eventType.refundWindowHours,
        cancellationNoticeHours: eventType.cancellationNoticeHours,
        recurrence: (workshop.recurrence ?? null) as {
          frequency: string;
          count?: number;
          endDate?: string;
        } | null,
        bookingUrl: bookingUrl(found.tenantSlug, teacher.name, eventType.slug),
        sessions,
        createdAt: workshop.createdAt,
        updatedAt: workshop.updatedAt,
      };
    },

    /**
     * add: new entries are inserted, ones already there are skipped; replace: the list becomes
     * exactly the input; remove: the given emails go. Emails are trimmed and lower-cased; a
     * repeat within the input, or (add/replace) an entry already on the list, counts as a
     * skipped duplicate. One transaction, with the workshop row locked.
     */
    async updateWhitelist(input: {
      tenantId: number;
      workshopId: number;
      mode: 'add' | 'replace' | 'remove';
      emails: Array<{ email: string; name?: string | undefined; immersioStudentId?: string | undefined }>;
    }) {
      const unique = new Map<string, { name: string | null; immersioStudentId: string | null }>();
      for (const entry of input.emails) {
        const email = entry.email.trim().toLowerCase();
        if (!unique.has(email)) {
          unique.set(email, {
            name: entry.name?.trim() || null,
            immersioStudentId: entry.immersioStudentId ?? null,
          });
        }
      }
      const repeats = input.emails.length - unique.size;
      const emails = [...unique.keys()];
      return deps.db.transaction(async (tx) => {
        const tenant = await lockTenant(tx, input.tenantId);
        if (!(await repo.lockWorkshop(tx, input.tenantId, input.workshopId)))
          throw new AppError('WORKSHOP_NOT_FOUND');
        if (input.mode !== 'remove') assertFeature(PLANS[tenant!.plan], 'whitelist');
        let added = 0;
        let removed = 0;
        if (input.mode === 'remove') {
          removed = await repo.removeWhitelistEntries(tx, input.tenantId, input.workshopId, { only: emails });
        } else {
          if (input.mode === 'replace') {
            removed = await repo.removeWhitelistEntries(tx, input.tenantId, input.workshopId, {
              except: emails,
            });
          }
          added = await repo.addWhitelistEntries(
            tx,
            [...unique].map(([email, extra]) => ({
              tenantId: input.tenantId,
              workshopId: input.workshopId,
              email,
              ...extra,
            })),
          );
        }
        const alreadyListed = input.mode === 'remove' ? 0 : emails.length - added;
        return {
          success: true,
          totalWhitelisted: await repo.countWhitelist(tx, input.tenantId, input.workshopId),
          added,
          removed,
          duplicatesSkipped: repeats + alreadyListed,
        };
      });
    },

    async list(input: repo.ListFilters & { page: number; limit: number }) {
      const offset = (input.page - 1) * input.limit;
      const [rows, totalCount] = await Promise.all([
        repo.listWorkshops(deps.db, input, { limit: input.limit, offset }, deps.now()),
        repo.countWorkshops(deps.db, input),
      ]);
      return {
        workshops: rows.map((row) => ({
          id: row.id,
          eventTypeId: row.eventTypeId,
          title: row.title,
          slug: row.slug,
          description: row.description,
          duration: row.duration,
          price: row.price,
          currency: row.currency,
          seats: row.seats,
          bookedSeats: row.bookedSeats,
          teacher: { id: row.teacherId, name: row.teacherName, avatarUrl: row.teacherAvatarUrl },
          whitelistEnabled: row.whitelistEnabled,
          immersioCourseId: row.immersioCourseId,
          status: row.status,
          // Raw SQL rows bring timestamps as strings on some drivers.
          nextOccurrence: row.nextOccurrence === null ? null : new Date(row.nextOccurrence),
          createdAt: new Date(row.createdAt),
        })),
        totalCount,
        page: input.page,
        totalPages: Math.ceil(totalCount / input.limit),
      };
    },

    async create({ tenantId, input }: { tenantId: number; actorId: number; input: CreateWorkshopInput }) {
      const created = await deps.db.transaction(async (tx) => {
        // The tenant row lock serialises plan-limit counts and slug choice within a tenant.
        const tenant = await lockTenant(tx, tenantId);
        if (!tenant) throw new AppError('TENANT_NOT_FOUND');
        const plan = PLANS[tenant.plan];
        assertWithinLimit(plan, 'maxEventTypes', await repo.countLiveEventTypes(tx, tenantId));
        if (input.whitelistEnabled) assertFeature(plan, 'whitelist');
        if (input.syncStudentsFromImmersio) assertFeature(plan, 'immersioSync');

        const teacher = await repo.findTeacher(tx, tenantId, input.teacherId);
        if (!teacher) throw new AppError('VALIDATION_ERROR', 'teacherId: is not a member of this tenant');
        const timeZone = input.timeZone ?? teacher.timeZone;
        const starts = input.startTime
          ? expandRecurrence({
              start: input.startTime,
              timeZone,
              frequency: input.recurrence?.frequency ?? 'none',
              count: input.recurrence?.count,
              endDate: input.recurrence?.endDate,
            })
          : [];
        if (input.startTime && input.startTime <= deps.now()) {
          throw new AppError('VALIDATION_ERROR', 'startTime: must be in the future');
        }

        const base = slugify(input.title);
        const slug = uniqueSlug(base, await repo.slugsLike(tx, tenantId, base));
        const eventType = await repo.insertEventType(tx, {
          tenantId,
          teacherId: teacher.id,
          title: input.title,
          slug,
          description: input.description ?? null,
          durationMinutes: input.duration,
          priceCents: input.price,
          currency: input.currency,
          seats: input.seats,
          locations: input.locations,
          refundWindowHours: input.refundWindowHours,
          cancellationNoticeHours: input.cancellationNoticeHours,
        });
        const workshop = await repo.insertWorkshop(tx, {
          tenantId,
          eventTypeId: eventType.id,
          workshopType: input.workshopType,
          topicCategory: input.topicCategory ?? null,
          status: starts.length > 0 ? 'active' : 'draft',
          whitelistEnabled: input.whitelistEnabled,
          immersioCourseId: input.immersioCourseId ?? null,
          syncStudentsFromImmersio: input.syncStudentsFromImmersio,
          recurrence: input.recurrence ?? null,
        });
        await repo.insertSessions(
          tx,
          starts.map((start) => ({
            tenantId,
            workshopId: workshop.id,
            startTime: start,
            endTime: new Date(start.getTime() + input.duration * 60_000),
            timeZone,
            seats: input.seats,
          })),
        );
        const emails = [...new Set((input.whitelistEmails ?? []).map((e) => e.trim().toLowerCase()))];
        await repo.insertWhitelist(
          tx,
          emails.map((email) => ({ tenantId, workshopId: workshop.id, email })),
        );
        await enqueue(tx, {
          kind: 'webhook',
          tenantId,
          payload: {
            event: 'WORKSHOP_CREATED',
            timestamp: deps.now().toISOString(),
            data: {
              workshop: {
                id: workshop.id,
                eventTypeId: eventType.id,
                title: input.title,
                slug,
                duration: input.duration,
                price: input.price,
                currency: input.currency,
                seats: input.seats,
                immersioCourseId: input.immersioCourseId ?? null,
                teacher: { id: teacher.id, name: teacher.name, email: teacher.email },
              },
              tenant: { id: tenantId, slug: tenant.slug },
            },
          },
        });
        return {
          workshop,
          eventTypeId: eventType.id,
          slug,
          tenantSlug: tenant.slug,
          teacherName: teacher.name,
        };
      });
      deps.wakeOutbox();
      return {
        id: created.workshop.id,
        eventTypeId: created.eventTypeId,
        slug: created.slug,
        bookingUrl: bookingUrl(created.tenantSlug, created.teacherName, created.slug),
        createdAt: created.workshop.createdAt,
      };
    },
  };
}

export type WorkshopsService = ReturnType<typeof createWorkshopsService>;
