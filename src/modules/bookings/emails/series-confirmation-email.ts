import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { hours } from '../policy.ts';
import type { BookingConfirmationInput } from './booking-confirmation-email.ts';
import { bookingInvite, sessionEvents } from './booking-invite.ts';
import { confirmationLayout, policyPart, sessionsPart } from './confirmation-layout.ts';
import { formatRange, formatShort, paidText, safeTimeZone } from './email-format.ts';
import { anchor, type Detail, sessionsPriceDetail, whereDetail } from './email-html.ts';
import { address, subject } from './email-sanitize.ts';

// The student's one confirmation for a recurring series: every session with its own manage link
// (each occurrence is its own booking, cancelled on its own), the policy per session, and one
// invite holding an event per session. Pure: every input (the clock included) is passed in.

export interface SeriesSession {
  uid: string;
  startTime: Date;
  endTime: Date;
  manageUrl: string;
  /** The invite UID of this session's booking (what a later cancellation of it withdraws). */
  icsUid: string;
}

export interface SeriesConfirmationInput
  extends Omit<BookingConfirmationInput, 'manageUrl' | 'icsUid' | 'icsSequence' | 'payment'> {
  /** Every session of the series, first first. */
  sessions: SeriesSession[];
  /** What the whole series cost, or null when free. */
  payment: { amount: number; currency: string } | null;
  /** One session's price: what cancelling one in time refunds. */
  sessionPrice: { amount: number; currency: string } | null;
}

export function seriesConfirmationEmail(input: SeriesConfirmationInput): EmailPayload {
  const { tenant, booking, location, teacher, payment, policy, sessions } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const count = sessions.length;
  const total = paidText(payment);
  const each = paidText(input.sessionPrice);
  const first = sessions[0]!;
  const policyLines = seriesPolicy(policy, each);
  const details: Detail[] = [
    { label: 'What', text: `${title} (${count} sessions)` },
    whereDetail(location),
    { label: 'Teacher', text: singleLine(teacher.name) },
    sessionsPriceDetail(total, count),
  ];
  const when = (s: SeriesSession) => formatRange(s.startTime, s.endTime, zone);

  const { text, html } = confirmationLayout(input, {
    heading: 'Your sessions are booked',
    intro: `Your ${count} sessions of ${title} with ${tenantName} are booked.`,
    details,
    sections: [
      sessionsPart(
        sessions.map((s) => ({
          text: `${when(s)}: manage ${singleLine(s.manageUrl)}`,
          html: `${escapeHtml(when(s))} · ${anchor(s.manageUrl, 'Manage')}`,
        })),
      ),
      policyPart('Cancellation', policyLines),
    ],
    inviteNote: 'A calendar invitation with every session (invite.ics) is attached.',
  });

  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: 0,
    events: sessionEvents(input, sessions, (s) => `Manage or cancel this session: ${s.manageUrl}`),
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      `Booking confirmed: ${title}, ${count} sessions from ${formatShort(first.startTime, zone)}`,
    ),
    text,
    html,
    attachments: [invite],
  };
}

function seriesPolicy(policy: SeriesConfirmationInput['policy'], each: string | null): string[] {
  const notice = policy.cancellationNoticeHours;
  const lines = [
    'Each session is a booking of its own: cancel or move one from its link in the list above without touching the others.',
    notice <= 0
      ? 'You can cancel a session online at any time before it starts.'
      : `You can cancel a session online until ${hours(notice)} before it starts.`,
  ];
  if (!each) return lines;
  const refund = policy.refundWindowHours;
  lines.push(
    refund <= notice
      ? `A session you cancel online is refunded: its ${each}.`
      : `Cancel a session at least ${hours(refund)} before it starts for a refund of its ${each}; later cancellations are not refunded.`,
  );
  return lines;
}
