import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { PLAN_TYPES, PLANS, planView } from './plans.ts';
import * as team from './team.repo.ts';
import * as repo from './tenants.repo.ts';

/**
 * The plan screen: the school's plan, this month's usage of each limit (the month of the school's
 * own zone, as the booking allowance counts it) and what every plan offers, from plans.ts.
 */
export async function planUsage(deps: { db: Executor; now: () => Date }, input: { tenantId: number }) {
  const tenant = await repo.findTenantView(deps.db, input.tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const now = deps.now();
  const month = DateTime.fromJSDate(now, { zone: tenant.timeZone }).startOf('month');
  const counts = await team.usageCounts(deps.db, input.tenantId, month.toJSDate(), now);
  const plan = PLANS[tenant.plan];
  return {
    plan: planView(tenant.plan),
    period: {
      start: month.toJSDate(),
      end: month.plus({ months: 1 }).toJSDate(),
      timeZone: tenant.timeZone,
    },
    usage: {
      teachers: {
        used: counts.members + counts.openInvites,
        members: counts.members,
        openInvites: counts.openInvites,
        limit: plan.maxTeachers,
      },
      bookings: { used: counts.bookings, limit: plan.maxBookingsPerMonth },
      eventTypes: { used: counts.eventTypes, limit: plan.maxEventTypes },
    },
    plans: PLAN_TYPES.map((type) => ({ ...planView(type), platformFeeBps: PLANS[type].platformFeeBps })),
  };
}
