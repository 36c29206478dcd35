import type { EmailPayload } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { formatDateTime, formatRange, greeting, safeTimeZone } from '../emails/email-format.ts';
import { button, emailLayout, MUTED, para } from '../emails/email-html.ts';
import { address, subject } from '../emails/email-sanitize.ts';

// The waitlist's e-mails to the student: on the list (with the link to see their place), and a
// seat offered (claim it by a deadline). Rendered when written: they say what was true then.

export interface WaitlistEmailInput {
  tenantName: string;
  title: string;
  startTime: Date;
  endTime: Date;
  attendee: { name: string; email: string; timeZone: string };
  manageUrl: string;
}

function when(input: WaitlistEmailInput): string {
  return formatRange(input.startTime, input.endTime, safeTimeZone(input.attendee.timeZone));
}

export function waitlistJoinedEmail(input: WaitlistEmailInput & { place: number }): EmailPayload {
  const title = singleLine(input.title);
  const school = singleLine(input.tenantName);
  const lines = [
    `You are on the waitlist for ${title} (${when(input)}), number ${input.place} in line.`,
    'If a seat frees up and it is your turn, we hold it for you and e-mail you: you then have a limited time to claim it.',
    'You can check your place or leave the waitlist at any time:',
  ];
  const text = [greeting(input.attendee.name), '', ...lines, input.manageUrl, '', school].join('\n');
  const html = emailLayout(
    `You're on the waitlist for ${title}`,
    [
      para(greeting(input.attendee.name)),
      ...lines.map((line) => para(line)),
      button(input.manageUrl, 'See your place'),
      para(school, MUTED),
    ].join(''),
  );
  return { to: address(input.attendee.email), subject: subject(`Waitlist: ${title}`), text, html };
}

export function seatOfferedEmail(
  input: WaitlistEmailInput & { expiresAt: Date; price: { amount: number; currency: string } | null },
): EmailPayload {
  const title = singleLine(input.title);
  const school = singleLine(input.tenantName);
  const deadline = formatDateTime(input.expiresAt, safeTimeZone(input.attendee.timeZone));
  const pay = input.price
    ? `Claiming takes you to the payment (${formatMoney(input.price.amount, input.price.currency)}); the seat is yours once it is paid.`
    : 'Claiming confirms your seat at once.';
  const lines = [
    `A seat in ${title} (${when(input)}) has come free and we are holding it for you until ${deadline}.`,
    pay,
    'If you do not claim it by then, it goes to the next person on the waitlist.',
  ];
  const text = [
    greeting(input.attendee.name),
    '',
    ...lines,
    '',
    `Claim your seat: ${input.manageUrl}`,
    '',
    school,
  ].join('\n');
  const html = emailLayout(
    'A seat is waiting for you',
    [
      para(greeting(input.attendee.name)),
      ...lines.map((line) => para(line)),
      button(input.manageUrl, 'Claim your seat'),
      para(school, MUTED),
    ].join(''),
  );
  return {
    to: address(input.attendee.email),
    subject: subject(`A seat is free: ${title} — claim it by ${deadline}`),
    text,
    html,
  };
}

/**
 * Staff moved the session a student waits for (move-session.ts): the new time, in `zone` (the
 * student's when known, else the session's), their place kept, and the link to leave the line.
 */
export function waitlistSessionMovedEmail(
  input: WaitlistEmailInput & {
    previous: { startTime: Date; endTime: Date };
    zone: string;
    reason: string | null;
  },
): EmailPayload {
  const title = singleLine(input.title);
  const school = singleLine(input.tenantName);
  const zone = safeTimeZone(input.zone);
  const lines = [
    `${school} has moved ${title}, the session you are on the waitlist for, to ${formatRange(input.startTime, input.endTime, zone)} (it was ${formatRange(input.previous.startTime, input.previous.endTime, zone)}).${input.reason ? ` Their note: “${singleLine(input.reason)}”.` : ''}`,
    'You keep your place in line: if a seat frees up and it is your turn, we hold it for you and e-mail you.',
    'If the new time does not suit you, you can leave the waitlist here:',
  ];
  const text = [greeting(input.attendee.name), '', ...lines, input.manageUrl, '', school].join('\n');
  const html = emailLayout(
    `${title} has a new time`,
    [
      para(greeting(input.attendee.name)),
      ...lines.map((line) => para(line)),
      button(input.manageUrl, 'See your place or leave'),
      para(school, MUTED),
    ].join(''),
  );
  return { to: address(input.attendee.email), subject: subject(`Waitlist: ${title} has moved`), text, html };
}
