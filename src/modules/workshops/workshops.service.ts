import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { assertFeature, assertWithinLimit, PLANS } from '../tenants/plans.ts';
import type { Role } from '../tenants/roles.ts';
import { lockTenantForLimits } from '../tenants/tenant-lookup.ts';
import { addSessions } from './add-sessions.ts';
import { listWorkshopBookings } from './bookings-list.ts';
import { classSettingChanges } from './class-settings.ts';
import { enqueueCourseLink } from './course-link.ts';
import { createWorkshop } from './create-workshop.ts';
import { emailMessageChanges } from './email-message-settings.ts';
import type { GetBookingsInput } from './procedures/get-bookings.schema.ts';
import { teachingLanguageChanges } from './procedures/teaching-language.schema.ts';
import type { UpdateWorkshopInput } from './procedures/update-workshop.schema.ts';
import { questionChanges, storedQuestions } from './question-settings.ts';
import { reminderChanges } from './reminder-settings.ts';
import { planStarts, replaceUpcomingSchedule } from './schedule.ts';
import { assertSeriesRule, assertTeachersSchedule, slotSettingChanges } from './slot-settings.ts';
import { applyWhitelist, normaliseWhitelist, type WhitelistInputEntry } from './whitelist.ts';
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
        bookingMode: workshop.bookingMode as 'fixed' | 'slots',
        scheduleId: workshop.scheduleId,
        slotIntervalMinutes: workshop.slotIntervalMinutes,
        bufferBeforeMinutes: workshop.bufferBeforeMinutes,
        bufferAfterMinutes: workshop.bufferAfterMinutes,
        minimumNoticeMinutes: workshop.minimumNoticeMinutes,
        bookingHorizonDays: workshop.bookingHorizonDays,
        maxBookingsPerDay: workshop.maxBookingsPerDay,
        waitlistEnabled: workshop.waitlistEnabled,
        waitlistOfferMinutes: workshop.waitlistOfferMinutes,
        enrolment: workshop.enrolment as 'session' | 'course' | 'both',
        coursePrice: workshop.coursePriceCents,
        questions: storedQuestions(workshop.questions),
        reminderMinutesBefore: workshop.reminderMinutesBefore,
        emailMessage: workshop.emailMessage,
        teachingLanguage: workshop.teachingLanguage,
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
        // A new teacher brings their own hours: the old teacher's schedule no longer applies.
        const scheduleId =
          input.scheduleId !== undefined || teacher.id === current.teacherId ? input.scheduleId : null;
        await assertTeachersSchedule(tx, { tenantId, scheduleId, teacherId: teacher.id });
        // A new planned schedule makes it fixed unless the caller says otherwise.
        const bookingMode = input.bookingMode ?? (input.startTime ? 'fixed' : current.bookingMode);
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
            teacherId: teacher.id,
            bufferBeforeMinutes: input.bufferBeforeMinutes ?? current.bufferBeforeMinutes,
            bufferAfterMinutes: input.bufferAfterMinutes ?? current.bufferAfterMinutes,
          });
          recurrence = input.recurrence ?? null;
        } else if (input.recurrence !== undefined && bookingMode === 'slots') {
          // Booked by slot: the recurrence is the series each booking takes from now on.
          assertSeriesRule(input.recurrence, now, teacher.timeZone);
          recurrence = input.recurrence;
        }
        if (
          input.status === 'active' &&
          bookingMode === 'fixed' &&
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
            bookingMode: bookingMode === current.bookingMode ? undefined : bookingMode,
            ...slotSettingChanges({ ...input, scheduleId }),
            ...classSettingChanges(input),
            ...questionChanges(input),
            ...reminderChanges(input),
            ...emailMessageChanges(plan, input),
            ...teachingLanguageChanges(input),
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

    /** See create-workshop.ts. */
    create: (input: Parameters<typeof createWorkshop>[1]) => createWorkshop(deps, input),
  };
  return service;
}

export type WorkshopsService = ReturnType<typeof createWorkshopsService>;
