import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import type { PreviousTime } from './booking-rescheduled-email.ts';
import { formatRange, formatShort, greeting, safeTimeZone } from './email-format.ts';
import { type Detail, detailsHtml, detailsText, emailLayout, listSection, para } from './email-html.ts';
import { address, subject } from './email-sanitize.ts';
import type { EmailRecipient, EmailTenant } from './email-types.ts';

// Staff moved a whole session (issue 17): one notice per staff member for the session, with who
// is affected; each attendee gets their own notice (booking-rescheduled-email.ts, movedByStaff).

export interface SessionMovedStaffInput {
  /** A teacher or admin; times are shown in their zone. */
  to: EmailRecipient;
  tenant: EmailTenant;
  title: string;
  startTime: Date;
  endTime: Date;
  previous: PreviousTime;
  reason: string | null;
  attendees: ReadonlyArray<{ name: string; email: string }>;
}

export function sessionMovedStaffEmail(input: SessionMovedStaffInput): EmailPayload {
  const { to } = input;
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(input.title);
  const count = input.attendees.length;
  const intro = `The session of ${title} (${singleLine(input.tenant.name)}) has moved to a new time. ${
    count === 1 ? '1 attendee was' : `${count} attendees were`
  } told, with a link to cancel with a full refund until the new start.`;
  const details: Detail[] = [
    { label: 'Workshop', text: title },
    { label: 'New time', text: formatRange(input.startTime, input.endTime, zone) },
    { label: 'Previous time', text: formatRange(input.previous.startTime, input.previous.endTime, zone) },
    ...(input.reason ? [{ label: 'Reason', text: singleLine(input.reason) }] : []),
  ];
  const people = input.attendees.map((a) => {
    const name = singleLine(a.name);
    const email = singleLine(a.email);
    return name ? `${name} <${email}>` : email;
  });
  const text = [
    greeting(to.name),
    '',
    intro,
    '',
    ...detailsText(details),
    ...(people.length > 0 ? ['', 'Attendees:', ...people.map((p) => `- ${p}`)] : []),
  ].join('\n');
  const html = emailLayout(
    'Session moved',
    [
      para(greeting(to.name)),
      para(intro),
      detailsHtml(details),
      people.length > 0
        ? listSection(
            'Attendees',
            people.map((p) => escapeHtml(p)),
          )
        : '',
    ].join(''),
  );
  return {
    to: address(to.email),
    subject: subject(`Session moved: ${title} to ${formatShort(input.startTime, zone)}`),
    text,
    html,
  };
}
