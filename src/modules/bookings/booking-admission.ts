import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Plan } from '../tenants/plans.ts';
import { type BookableWorkshop, isWhitelisted } from './bookable-workshops.repo.ts';
import type { BookingTenant } from './booking-tenant.ts';
import type { Allowance } from './seats.repo.ts';

/**
 * Whether this student may book this workshop at all: on its whitelist (by e-mail or verified
 * Immersio id) when it has one, and for a paid workshop, the tenant can take payments. Returns
 * whether the booking is paid.
 */
export async function admitBooking(
  deps: { db: Executor; payments: { available: boolean } },
  input: {
    tenant: BookingTenant;
    workshop: BookableWorkshop;
    email: string;
    immersioStudentId: string | undefined;
  },
): Promise<{ paid: boolean }> {
  const { tenant, workshop, email } = input;
  if (
    workshop.whitelistEnabled &&
    !(await isWhitelisted(deps.db, tenant.id, workshop.workshopId, email, input.immersioStudentId))
  ) {
    throw new AppError('WHITELIST_DENIED', `${email} is not on the list of students for this workshop`);
  }
  const paid = workshop.priceCents > 0;
  if (paid && (!deps.payments.available || !tenant.stripeAccountId)) {
    throw new AppError('STRIPE_NOT_CONFIGURED', `${tenant.name} cannot take payments yet`);
  }
  return { paid };
}

/** The plan's monthly booking allowance, counted in the tenant's zone; undefined when unlimited. */
export function monthlyAllowance(plan: Plan, timeZone: string, now: Date): Allowance | undefined {
  if (plan.maxBookingsPerMonth === -1) return undefined;
  return { max: plan.maxBookingsPerMonth, since: monthStart(now, timeZone) };
}

const monthStarts = new Map<string, { start: Date; end: number }>();

/**
 * The start of `now`'s month in `zone` (the allowance's period), remembered per zone until the
 * month ends: luxon's zone arithmetic on every request was a visible share of a refusal's CPU.
 */
function monthStart(now: Date, zone: string): Date {
  const known = monthStarts.get(zone);
  if (known && known.start.getTime() <= now.getTime() && now.getTime() < known.end) return known.start;
  const start = DateTime.fromJSDate(now, { zone }).startOf('month');
  monthStarts.set(zone, { start: start.toJSDate(), end: start.plus({ months: 1 }).toMillis() });
  return start.toJSDate();
}
