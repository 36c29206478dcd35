import { assertFeature, type Plan } from '../tenants/plans.ts';

/**
 * The school's own text for confirmations and reminders a create or update names (issue 17;
 * undefined = left alone, null = removed). Setting one needs the plan's customEmails; removing
 * one never does. If the plan loses the feature later the text is kept but not sent: the e-mails
 * check the plan when each is built (see bookings/school-message.ts).
 */
export function emailMessageChanges(
  plan: Plan,
  input: { emailMessage?: string | null | undefined },
): { emailMessage?: string | null } {
  if (input.emailMessage === undefined) return {};
  if (input.emailMessage !== null) assertFeature(plan, 'customEmails');
  return { emailMessage: input.emailMessage };
}
