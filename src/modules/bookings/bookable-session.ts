import { AppError } from '../../lib/errors.ts';
import { gridSlot } from '../availability/workshop-slots.ts';
import type { BookingCatalog, CatalogWorkshop, SessionRef } from './booking-catalog.ts';
import { type SlotOccurrence, seriesOccurrences, slotOccurrence } from './slot-series.ts';

/**
 * What a booking takes a seat in: a planned session, or slots whose sessions it may create (one,
 * or each occurrence of a recurring workshop's series, first one first).
 */
export type BookingTarget =
  | { kind: 'session'; session: SessionRef }
  | { kind: 'slot'; occurrences: [SlotOccurrence, ...SlotOccurrence[]] };

/**
 * The tenant, workshop and session or slot a booking asks for, from the booking catalogue,
 * refused when one is missing or closed. The seat statement checks all of it again; a slot's
 * hours, notice and horizon are checked here, from the catalogue.
 */
export async function findBookableSession(
  deps: { catalog: BookingCatalog },
  input: { tenantSlug: string; workshopSlug: string; startTime: Date },
  now: Date,
) {
  const tenant = await deps.catalog.tenant(input.tenantSlug);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const workshop = await deps.catalog.workshop(tenant.id, input.workshopSlug);
  if (workshop?.status !== 'active') throw new AppError('WORKSHOP_NOT_FOUND');
  const planned = workshop.sessions.get(input.startTime.getTime());
  const target: BookingTarget =
    workshop.bookingMode === 'slots'
      ? slotTarget(workshop, input.startTime, now, planned)
      : plannedTarget(workshop, input.startTime, planned);
  if (target.kind === 'session' && workshop.bookingMode === 'fixed' && workshop.enrolment === 'course') {
    // A state of the workshop, not a fault of the request: 409, as other refusals of the offer.
    throw new AppError(
      'CONFLICT',
      `"${workshop.title}" is sold as a whole course: enrol in all its remaining sessions (POST /api/v1/public/enrolments) rather than booking one`,
    );
  }
  if (target.kind === 'session') {
    const { session } = target;
    if (session.status !== 'scheduled') throw new AppError('BOOKING_CLOSED', 'This session was cancelled');
    if (session.startTime <= now) throw new AppError('BOOKING_CLOSED', 'This session has already started');
  }
  return { tenant, workshop, target };
}

function plannedTarget(
  workshop: CatalogWorkshop,
  startTime: Date,
  planned: SessionRef | undefined,
): BookingTarget {
  if (!planned) {
    throw new AppError(
      'NOT_FOUND',
      `No session of "${workshop.title}" starts at ${startTime.toISOString()}; see the workshop's schedule`,
    );
  }
  return { kind: 'session', session: planned };
}

/**
 * A slot-booked workshop: the time must be one of its slots by the teacher's hours (read from the
 * catalogue, no query); whether the teacher is free then is the seat statement's to decide. A
 * session planned before the workshop moved to slots stays bookable at its own time.
 */
function slotTarget(
  workshop: CatalogWorkshop,
  startTime: Date,
  now: Date,
  planned: SessionRef | undefined,
): BookingTarget {
  if (startTime <= now) throw new AppError('BOOKING_CLOSED', 'This slot has already started');
  const slot =
    workshop.rules &&
    gridSlot({
      workshop: { ...workshop, durationMinutes: workshop.duration },
      rules: workshop.rules,
      startTime,
      now,
    });
  if (!slot || !workshop.rules) {
    if (planned) return { kind: 'session', session: planned };
    throw new AppError(
      'VALIDATION_ERROR',
      `startTime: ${startTime.toISOString()} is not one of the slots of "${workshop.title}"; see its slots`,
    );
  }
  const first = slotOccurrence(workshop, workshop.rules.timeZone, slot);
  const [, ...later] = seriesOccurrences(workshop, workshop.rules, first, now);
  return { kind: 'slot', occurrences: [first, ...later] };
}
