import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import type { PreviousTime } from './booking-rescheduled-email.ts';
import { safeTimeZone } from './email-format.ts';
import { type Detail, detailsHtml, detailsText, emailLayout, listSection, para } from './email-html.ts';
import { greetingIn, readerTranslator } from './email-language.ts';
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
  const tr = readerTranslator(to.language);
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(input.title);
  const count = input.attendees.length;
  const intro = tr.t('staffEmail.sessionMoved.intro', {
    title,
    school: singleLine(input.tenant.name),
    count,
  });
  const details: Detail[] = [
    { label: tr.t('staffEmail.label.workshop'), text: title },
    { label: tr.t('email.label.newTime'), text: tr.range(input.startTime, input.endTime, zone) },
    {
      label: tr.t('email.label.previousTime'),
      text: tr.range(input.previous.startTime, input.previous.endTime, zone),
    },
    ...(input.reason ? [{ label: tr.t('staffEmail.label.reason'), text: singleLine(input.reason) }] : []),
  ];
  const people = input.attendees.map((a) => {
    const name = singleLine(a.name);
    const email = singleLine(a.email);
    return name ? `${name} <${email}>` : email;
  });
  const attendeesHeading = tr.t('staffEmail.sessionMoved.attendees');
  const greeting = greetingIn(tr, to.name);
  const text = [
    greeting,
    '',
    intro,
    '',
    ...detailsText(details),
    ...(people.length > 0 ? ['', `${attendeesHeading}:`, ...people.map((p) => `- ${p}`)] : []),
  ].join('\n');
  const html = emailLayout(
    tr.t('staffEmail.sessionMoved.heading'),
    [
      para(greeting),
      para(intro),
      detailsHtml(details),
      people.length > 0
        ? listSection(
            attendeesHeading,
            people.map((p) => escapeHtml(p)),
          )
        : '',
    ].join(''),
    tr.locale,
  );
  return {
    to: address(to.email),
    subject: subject(
      tr.t('staffEmail.sessionMoved.subject', { title, date: tr.shortDateTime(input.startTime, zone) }),
    ),
    text,
    html,
    language: tr.locale,
  };
}
