import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { slugify, uniqueSlug } from '../../lib/slug.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { WEBHOOK_KIND } from '../outbox/webhook-event.ts';
import { assertFeature, assertWithinLimit, PLANS } from '../tenants/plans.ts';
import type { Role } from '../tenants/roles.ts';
import { lockTenantForLimits } from '../tenants/tenant-lookup.ts';
import { addSessions } from './add-sessions.ts';
import { listWorkshopBookings } from './bookings-list.ts';
import { enqueueCourseLink } from './course-link.ts';
import type { CreateWorkshopInput } from './procedures/create-workshop.schema.ts';
import type { GetBookingsInput } from './procedures/get-bookings.schema.ts';
import type { UpdateWorkshopInput } from './procedures/update-workshop.schema.ts';
import { planStarts, replaceUpcomingSchedule } from './schedule.ts';
import { applyWhitelist, normaliseWhitelist, type WhitelistInputEntry } from './whitelist.ts';
import { workshopCreatedEvent } from './workshop-events.ts';
import * as repo from './workshops.repo.ts';

export function createWorkshopsService(deps: {
  db: Database;
  env: Env;
  bus: CacheBus;
  now: () => Date;
  wakeOutbox: () => void;
}) {
  const bookingUrl = (tenantSlug: string, teacherName: string, workshopSlug: string) =>
    workshopBookingUrl(deps.env, tenantSlug, teacherName, workshopSlug);

  const service = {
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
     * Emails are trimmed and lower-cased; a repeat within the input, or (add/replace) an entry
     * already on the list, counts as a skipped duplicate. One transaction, workshop row locked.
     */
    async updateWhitelist(input: {
      tenantId: number;
      workshopId: number;
      mode: 'add' | 'replace' | 'remove';
      emails: WhitelistInputEntry[];
    }) {
      const unique = normaliseWhitelist(input.emails);
      const repeats = input.emails.length - unique.size;
      return deps.db.transaction(async (tx) => {
        const tenant = await lockTenantForLimits(tx, input.tenantId);
        if (!(await repo.lockWorkshop(tx, input.tenantId, input.workshopId)))
          throw new AppError('WORKSHOP_NOT_FOUND');
        if (input.mode !== 'remove') assertFeature(PLANS[tenant!.plan], 'whitelist');
        const { added, removed, alreadyListed } = await applyWhitelist(
          tx,
          input.tenantId,
          input.workshopId,
          input.mode,
          unique,
        );
        return {
          success: true,
          totalWhitelisted: await repo.countWhitelist(tx, input.tenantId, input.workshopId),
          added,
          removed,
          duplicatesSkipped: repeats + alreadyListed,
        };
      });
    },

    /** See update-workshop.schema.ts for what each field does; answers with the full staff view. */
    async update({ tenantId, input }: { tenantId: number; actorId: number; input: UpdateWorkshopInput }) {
      const now = deps.now();
      let linkQueued = false;
      await deps.db.transaction(async (tx) => {
        const tenant = await lockTenantForLimits(tx, tenantId);
        const current = await repo.lockWorkshopForEdit(tx, tenantId, input.workshopId);
        if (!tenant || !current) throw new AppError('WORKSHOP_NOT_FOUND');
        const plan = PLANS[tenant.plan];
        if (input.whitelistEnabled || (input.whitelistEmails?.length ?? 0) > 0)
          assertFeature(plan, 'whitelist');
        if (input.syncStudentsFromImmersio) assertFeature(plan, 'immersioSync');
        if (current.status === 'archived' && input.status !== undefined && input.status !== 'archived') {
          assertWithinLimit(plan, 'maxEventTypes', await repo.countLiveEventTypes(tx, tenantId));
        }
        const teacher = await repo.findTeacher(tx, tenantId, input.teacherId ?? current.teacherId);
        if (!teacher) throw new AppError('VALIDATION_ERROR', 'teacherId: is not a member of this tenant');
        if (input.slug && (await repo.slugTaken(tx, tenantId, input.slug, current.eventTypeId))) {
          throw new AppError('CONFLICT', `slug: "${input.slug}" is already used by another workshop`);
        }

        const upcoming = await repo.lockUpcomingSessions(tx, tenantId, input.workshopId, now);
        if (input.seats !== undefined) {
          const tooSmall = upcoming.find((s) => s.bookedSeats > input.seats!);
          if (tooSmall) {
            throw new AppError(
              'VALIDATION_ERROR',
              `seats: the session at ${tooSmall.startTime.toISOString()} already has ${tooSmall.bookedSeats} seats taken`,
            );
          }
        }
        let recurrence: repo.WorkshopChanges['recurrence'];
        if (input.startTime) {
          await replaceUpcomingSchedule(tx, {
            tenantId,
            workshopId: input.workshopId,
            upcoming,
            starts: planStarts(now, input.startTime, input.timeZone ?? teacher.timeZone, input.recurrence),
            timeZone: input.timeZone ?? teacher.timeZone,
            durationMinutes: input.duration ?? current.durationMinutes,
            seats: input.seats ?? current.seats,
          });
          recurrence = input.recurrence ?? null;
        }
        if (
          input.status === 'active' &&
          (await repo.lockUpcomingSessions(tx, tenantId, input.workshopId, now)).length === 0
        ) {
          throw new AppError(
            'VALIDATION_ERROR',
            'status: an active workshop needs an upcoming session; give startTime or use addSessions first',
          );
        }

        await repo.updateEventType(
          tx,
          tenantId,
          current.eventTypeId,
          {
            title: input.title,
            slug: input.slug,
            description: input.description,
            durationMinutes: input.duration,
            priceCents: input.price,
            currency: input.currency,
            seats: input.seats,
            locations: input.locations,
            teacherId: input.teacherId,
            refundWindowHours: input.refundWindowHours,
            cancellationNoticeHours: input.cancellationNoticeHours,
          },
          now,
        );
        await repo.updateWorkshopRow(
          tx,
          tenantId,
          input.workshopId,
          {
            workshopType: input.workshopType,
            topicCategory: input.topicCategory,
            status: input.status,
            whitelistEnabled: input.whitelistEnabled,
            immersioCourseId: input.immersioCourseId,
            syncStudentsFromImmersio: input.syncStudentsFromImmersio,
            recurrence,
          },
          now,
        );
        await repo.updateUpcomingSessions(tx, tenantId, input.workshopId, now, {
          seats: input.seats,
          durationMinutes: input.duration,
        });
        if (input.whitelistEmails) {
          const entries = normaliseWhitelist(input.whitelistEmails.map((email) => ({ email })));
          await applyWhitelist(tx, tenantId, input.workshopId, 'replace', entries);
        }
        // The course link follows the row as the job finds it (linked, moved, or removed).
        if (input.immersioCourseId !== undefined || input.syncStudentsFromImmersio !== undefined) {
          await enqueueCourseLink(tx, tenantId, input.workshopId);
          linkQueued = true;
        }
      });
      if (linkQueued) deps.wakeOutbox();
      await deps.bus.publish({ type: 'catalog', tenantId });
      return service.get({ tenantId, workshopId: input.workshopId });
    },

    /** See add-sessions.ts. */
    addSessions: (input: Parameters<typeof addSessions>[1]) => addSessions(deps, input),

    /** Deletes a session nobody has booked or holds; a booked one must be cancelled instead. */
    async removeSession(input: { tenantId: number; workshopId: number; sessionId: number }) {
      await deps.db.transaction(async (tx) => {
        if (!(await repo.lockWorkshopForEdit(tx, input.tenantId, input.workshopId)))
          throw new AppError('WORKSHOP_NOT_FOUND');
        const session = await repo.lockSession(tx, input.tenantId, input.workshopId, input.sessionId);
        if (!session) throw new AppError('NOT_FOUND', 'Session not found');
        if (
          session.bookedSeats > 0 ||
          (await repo.hasLiveBookings(tx, input.tenantId, input.workshopId, session.startTime))
        ) {
          throw new AppError('CONFLICT', 'This session has bookings: cancel it instead of removing it');
        }
        await repo.deleteSessions(tx, input.tenantId, input.workshopId, [session.id]);
      });
      await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
      return { success: true };
    },

    /** A workshop's bookings for staff (admins: any workshop; a MEMBER: the ones they teach). */
    getBookings({
      tenantId,
      actorId,
      role,
      input,
    }: {
      tenantId: number;
      actorId: number;
      role: Role;
      input: GetBookingsInput;
    }) {
      return listWorkshopBookings(deps.db, { tenantId, userId: actorId, role }, input);
    },

    async create({ tenantId, input }: { tenantId: number; actorId: number; input: CreateWorkshopInput }) {
      const created = await deps.db.transaction(async (tx) => {
        // The tenant row lock serialises plan-limit counts and slug choice within a tenant.
        const tenant = await lockTenantForLimits(tx, tenantId);
        if (!tenant) throw new AppError('TENANT_NOT_FOUND');
        const plan = PLANS[tenant.plan];
        assertWithinLimit(plan, 'maxEventTypes', await repo.countLiveEventTypes(tx, tenantId));
        if (input.whitelistEnabled) assertFeature(plan, 'whitelist');
        if (input.syncStudentsFromImmersio) assertFeature(plan, 'immersioSync');

        const teacher = await repo.findTeacher(tx, tenantId, input.teacherId);
        if (!teacher) throw new AppError('VALIDATION_ERROR', 'teacherId: is not a member of this tenant');
        const timeZone = input.timeZone ?? teacher.timeZone;
        const starts = input.startTime
          ? planStarts(deps.now(), input.startTime, timeZone, input.recurrence)
          : [];

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
        // Linked (and its students pulled) by the Immersio domain's job, woken by this commit.
        if (input.immersioCourseId) await enqueueCourseLink(tx, tenantId, workshop.id);
        await enqueue(tx, {
          kind: WEBHOOK_KIND,
          tenantId,
          payload: workshopCreatedEvent({
            now: deps.now(),
            tenant: { id: tenantId, slug: tenant.slug },
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
            },
            teacher,
          }),
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
      await deps.bus.publish({ type: 'catalog', tenantId });
      return {
        id: created.workshop.id,
        eventTypeId: created.eventTypeId,
        slug: created.slug,
        bookingUrl: bookingUrl(created.tenantSlug, created.teacherName, created.slug),
        createdAt: created.workshop.createdAt,
      };
    },
  };
  return service;
}

export type WorkshopsService = ReturnType<typeof createWorkshopsService>;
