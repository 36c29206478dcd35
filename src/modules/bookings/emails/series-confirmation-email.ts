import { escapeHtml } from '../../../lib/html.ts';
import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import type { BookingConfirmationInput } from './booking-confirmation-email.ts';
import { bookingInvite, sessionEvents } from './booking-invite.ts';
import { confirmationLayout, policyPart, sessionsPart } from './confirmation-layout.ts';
import { safeTimeZone } from './email-format.ts';
import { anchor, type Detail, sessionsPriceDetail, whereDetail } from './email-html.ts';
import { hoursIn, paidTextIn, readerTranslator } from './email-language.ts';
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
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const count = sessions.length;
  const total = paidTextIn(tr, payment);
  const each = paidTextIn(tr, input.sessionPrice);
  const first = sessions[0]!;
  const policyLines = seriesPolicy(tr, policy, each);
  const details: Detail[] = [
    { label: tr.t('email.label.what'), text: tr.t('email.series.what', { title, count }) },
    whereDetail(location, tr),
    { label: tr.t('email.label.teacher'), text: singleLine(teacher.name) },
    sessionsPriceDetail(total, count, tr),
  ];
  const when = (s: SeriesSession) => tr.range(s.startTime, s.endTime, zone);
  const manage = tr.t('email.series.manage');

  const { text, html } = confirmationLayout(input, {
    tr,
    heading: tr.t('email.series.heading'),
    intro: tr.t('email.series.intro', { count, title, school: tenantName }),
    details,
    sections: [
      sessionsPart(
        sessions.map((s) => ({
          text: tr.t('email.series.sessionLine', { when: when(s), url: singleLine(s.manageUrl) }),
          html: `${escapeHtml(when(s))} · ${anchor(s.manageUrl, manage)}`,
        })),
        tr,
      ),
      policyPart(tr.t('email.policy.heading'), policyLines),
    ],
    inviteNote: tr.t('email.inviteNoteAll'),
  });

  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: 0,
    events: sessionEvents(input, sessions, (s) => tr.t('ics.manageSession', { url: s.manageUrl }), tr),
    tr,
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      tr.t('email.series.subject', { title, count, date: tr.shortDateTime(first.startTime, zone) }),
    ),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}

function seriesPolicy(
  tr: Translator,
  policy: SeriesConfirmationInput['policy'],
  each: string | null,
): string[] {
  const notice = policy.cancellationNoticeHours;
  const lines = [
    tr.t('email.series.policy.each'),
    notice <= 0
      ? tr.t('email.series.policy.anyTime')
      : tr.t('email.series.policy.until', { hours: hoursIn(tr, notice) }),
  ];
  if (!each) return lines;
  const refund = policy.refundWindowHours;
  lines.push(
    refund <= notice
      ? tr.t('email.series.policy.refund', { price: each })
      : tr.t('email.series.policy.refundBy', { hours: hoursIn(tr, refund), price: each }),
  );
  return lines;
}
