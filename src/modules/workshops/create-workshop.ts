import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { slugify, uniqueSlug } from '../../lib/slug.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { WEBHOOK_KIND } from '../outbox/webhook-event.ts';
import { assertFeature, assertWithinLimit, PLANS } from '../tenants/plans.ts';
import { lockTenantForLimits } from '../tenants/tenant-lookup.ts';
import { classSettingChanges } from './class-settings.ts';
import { enqueueCourseLink } from './course-link.ts';
import { emailMessageChanges } from './email-message-settings.ts';
import { type CreateWorkshopInput, createWorkshopInput } from './procedures/create-workshop.schema.ts';
import { teachingLanguageChanges } from './procedures/teaching-language.schema.ts';
import { questionChanges } from './question-settings.ts';
import { reminderChanges } from './reminder-settings.ts';
import { busyRanges, planStarts } from './schedule.ts';
import { assertSeriesRule, assertTeachersSchedule, slotSettingChanges } from './slot-settings.ts';
import { assertTeacherFree } from './teacher-free.ts';
import { workshopCreatedEvent } from './workshop-events.ts';
import * as repo from './workshops.repo.ts';

type SlotDefaulted =
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minimumNoticeMinutes'
  | 'bookingHorizonDays'
  | 'waitlistEnabled'
  | 'waitlistOfferMinutes'
  | 'enrolment';

/** The parsed input; callers inside the app (seed, bench) may leave the defaulted settings out. */
export type CreateWorkshopCommand = Omit<CreateWorkshopInput, SlotDefaulted> &
  Partial<Pick<CreateWorkshopInput, SlotDefaulted>>;

const SLOT_DEFAULTS = createWorkshopInput
  .pick({
    bufferBeforeMinutes: true,
    bufferAfterMinutes: true,
    minimumNoticeMinutes: true,
    bookingHorizonDays: true,
    waitlistEnabled: true,
    waitlistOfferMinutes: true,
    enrolment: true,
  })
  .parse({});

/**
 * Creates a workshop. With `startTime` it is booked on planned sessions (one, or a series) and
 * is active; without, it is booked by slot from its teacher's availability, as a Cal.com event
 * type is, and is active at once so its booking URL works (see docs/decisions.md "Slot booking").
 */
export async function createWorkshop(
  deps: { db: Database; env: Env; bus: CacheBus; now: () => Date; wakeOutbox: () => void },
  command: { tenantId: number; actorId: number; input: CreateWorkshopCommand },
) {
  const { tenantId } = command;
  const input = { ...SLOT_DEFAULTS, ...command.input };
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
    await assertTeachersSchedule(tx, { tenantId, scheduleId: input.scheduleId, teacherId: teacher.id });
    const timeZone = input.timeZone ?? teacher.timeZone;
    const bookingMode = input.startTime ? 'fixed' : 'slots';
    const starts = input.startTime ? planStarts(deps.now(), input.startTime, timeZone, input.recurrence) : [];
    if (bookingMode === 'slots') assertSeriesRule(input.recurrence, deps.now(), timeZone);
    const durationMs = input.duration * 60_000;
    await assertTeacherFree(tx, {
      tenantId,
      teacherId: teacher.id,
      ranges: busyRanges(starts, { durationMinutes: input.duration, ...input }),
    });

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
      status: bookingMode === 'slots' || starts.length > 0 ? 'active' : 'draft',
      whitelistEnabled: input.whitelistEnabled,
      immersioCourseId: input.immersioCourseId ?? null,
      syncStudentsFromImmersio: input.syncStudentsFromImmersio,
      recurrence: input.recurrence ?? null,
      bookingMode,
      ...slotSettingChanges(input),
      ...classSettingChanges(input),
      ...questionChanges(input),
      ...reminderChanges(input),
      ...emailMessageChanges(plan, input),
      ...teachingLanguageChanges(input),
    });
    await repo.insertSessions(
      tx,
      starts.map((start) => ({
        tenantId,
        workshopId: workshop.id,
        startTime: start,
        endTime: new Date(start.getTime() + durationMs),
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
    return { workshop, eventTypeId: eventType.id, slug, tenantSlug: tenant.slug, teacherName: teacher.name };
  });
  deps.wakeOutbox();
  await deps.bus.publish({ type: 'catalog', tenantId });
  return {
    id: created.workshop.id,
    eventTypeId: created.eventTypeId,
    slug: created.slug,
    bookingUrl: workshopBookingUrl(deps.env, created.tenantSlug, created.teacherName, created.slug),
    createdAt: created.workshop.createdAt,
  };
}
