import { PLANS, type PlanType } from '../tenants/plans.ts';

/**
 * The workshop's own text for the student's confirmations and reminders (issue 17), or null. The
 * plan is checked as each e-mail is built: a school that lost customEmails keeps its text but
 * it is no longer sent.
 */
export function schoolMessage(tenant: { plan: PlanType }, workshop: { emailMessage: string | null }) {
  return PLANS[tenant.plan].features.customEmails ? workshop.emailMessage : null;
}
