import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { safeTimeZone } from './email-format.ts';
import {
  anchor,
  type Detail,
  detailsHtml,
  detailsText,
  emailLayout,
  MUTED,
  P_STYLE,
  para,
} from './email-html.ts';
import { greetingIn, readerTranslator } from './email-language.ts';
import { address, multiLine, safeHttpUrl, subject } from './email-sanitize.ts';
import type {
  CancelledBy,
  EmailBooking,
  EmailPerson,
  EmailRecipient,
  EmailTenant,
  Money,
  RefundInfo,
} from './email-types.ts';

// What the teacher and the school's admins hear about a booking: new, or cancelled.

export interface StaffBookingNotificationInput {
  /** A teacher or admin; times are shown in their zone. */
  to: EmailRecipient;
  tenant: EmailTenant;
  booking: EmailBooking;
  seatsLeft: number;
  /** What the student paid, or null for a free booking. */
  paid: Money | null;
  /** A line for staff, e.g. where to manage the booking; a bare http(s) URL becomes a link. */
  manageAdminHint?: string | undefined;
  /** A recurring series booked at once: every session's times (the booking is the first). */
  series?: Array<{ startTime: Date; endTime: Date }> | undefined;
  /** The student's answers to the workshop's questions (issue 17), labelled. */
  answers?: Array<{ label: string; answer: string }> | undefined;
}

export interface StaffCancellationNotificationInput {
  to: EmailRecipient;
  tenant: EmailTenant;
  booking: EmailBooking;
  cancelledBy: CancelledBy;
  reason?: string | null | undefined;
  refund: RefundInfo;
  /** Seats free after the cancellation, when known. */
  seatsLeft?: number | undefined;
  manageAdminHint?: string | undefined;
}

export function staffBookingNotificationEmail(input: StaffBookingNotificationInput): EmailPayload {
  const { to, tenant, booking, paid } = input;
  const tr = readerTranslator(to.language);
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const school = singleLine(tenant.name);
  const student = singleLine(booking.attendee.name) || singleLine(booking.attendee.email);
  const series = input.series && input.series.length > 1 ? input.series : undefined;
  const details: Detail[] = [
    { label: tr.t('staffEmail.label.workshop'), text: title },
    series
      ? {
          label: tr.t('staffEmail.label.sessions', { count: series.length }),
          text: series.map((s) => tr.range(s.startTime, s.endTime, zone)).join('\n'),
        }
      : { label: tr.t('email.label.when'), text: tr.range(booking.startTime, booking.endTime, zone) },
    { label: tr.t('staffEmail.label.student'), text: studentText(booking.attendee) },
    {
      label: tr.t('staffEmail.label.payment'),
      text:
        paid && paid.amount > 0
          ? tr.t('staffEmail.paid', { amount: tr.money(paid.amount, paid.currency) })
          : paid
            ? tr.t('staffEmail.paidWithPass')
            : tr.t('common.free'),
    },
    { label: tr.t('staffEmail.label.seatsLeft'), text: seatsText(tr, input.seatsLeft) },
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
    // Escaped as every detail is: the student wrote them.
    ...(input.answers ?? []).map((a) => ({ label: singleLine(a.label), text: a.answer })),
  ];
  return staffEmail({
    tr,
    to,
    heading: tr.t('staffEmail.new.heading'),
    intro: series
      ? tr.t('staffEmail.new.introSeries', { student, count: series.length, title, school })
      : tr.t('staffEmail.new.intro', { student, title, school }),
    details,
    hint: input.manageAdminHint,
    subject: tr.t('staffEmail.new.subject', {
      student,
      title,
      date: tr.shortDateTime(booking.startTime, zone),
    }),
  });
}

export function staffCancellationNotificationEmail(input: StaffCancellationNotificationInput): EmailPayload {
  const { to, tenant, booking, refund } = input;
  const tr = readerTranslator(to.language);
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const student = singleLine(booking.attendee.name) || singleLine(booking.attendee.email);
  const by = tr.t(`staffEmail.by.${input.cancelledBy}`);
  const details: Detail[] = [
    { label: tr.t('staffEmail.label.workshop'), text: title },
    { label: tr.t('email.label.when'), text: tr.range(booking.startTime, booking.endTime, zone) },
    { label: tr.t('staffEmail.label.student'), text: studentText(booking.attendee) },
    { label: tr.t('staffEmail.label.cancelledBy'), text: by },
    ...(input.reason ? [{ label: tr.t('staffEmail.label.reason'), text: multiLine(input.reason) }] : []),
    { label: tr.t('staffEmail.label.refund'), text: staffRefundText(tr, refund) },
    ...(input.seatsLeft === undefined
      ? []
      : [{ label: tr.t('staffEmail.label.seatsLeft'), text: seatsText(tr, input.seatsLeft) }]),
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
  ];
  return staffEmail({
    tr,
    to,
    heading: tr.t('staffEmail.cancelled.heading'),
    intro: tr.t('staffEmail.cancelled.intro', { student, title, school: singleLine(tenant.name), by }),
    details,
    hint: input.manageAdminHint,
    subject: tr.t('staffEmail.cancelled.subject', {
      student,
      title,
      date: tr.shortDateTime(booking.startTime, zone),
    }),
  });
}

function staffEmail(parts: {
  tr: Translator;
  to: EmailRecipient;
  heading: string;
  intro: string;
  details: Detail[];
  hint: string | undefined;
  subject: string;
}): EmailPayload {
  const hint = parts.hint ? singleLine(parts.hint) : '';
  const hintIsUrl = hint !== '' && safeHttpUrl(hint) !== null;
  const greeting = greetingIn(parts.tr, parts.to.name);
  const text = [
    greeting,
    '',
    parts.intro,
    '',
    ...detailsText(parts.details),
    ...(hint ? ['', hint] : []),
  ].join('\n');
  const html = emailLayout(
    parts.heading,
    [
      para(greeting),
      para(parts.intro),
      detailsHtml(parts.details),
      hint ? (hintIsUrl ? `<p style="${P_STYLE}">${anchor(hint, hint)}</p>` : para(hint, MUTED)) : '',
    ].join(''),
    parts.tr.locale,
  );
  return {
    to: address(parts.to.email),
    subject: subject(parts.subject),
    text,
    html,
    language: parts.tr.locale,
  };
}

function staffRefundText(tr: Translator, refund: RefundInfo): string {
  if (refund.pass) return tr.t(refund.eligible ? 'staffEmail.refund.passBack' : 'staffEmail.refund.passKept');
  if (refund.amount <= 0) return tr.t('staffEmail.refund.free');
  const amount = tr.money(refund.amount, refund.currency);
  if (!refund.eligible) return tr.t('staffEmail.refund.kept', { amount });
  switch (refund.status) {
    case 'completed':
      return tr.t('staffEmail.refund.completed', { amount });
    case 'pending':
      return tr.t('staffEmail.refund.pending', { amount });
    case 'failed':
      return tr.t('staffEmail.refund.failed', { amount });
    case 'not_applicable':
      return tr.t('staffEmail.refund.noPayment');
  }
}

function studentText(attendee: EmailPerson): string {
  const name = singleLine(attendee.name);
  const email = singleLine(attendee.email);
  return name ? `${name} <${email}>` : email;
}

function seatsText(tr: Translator, seats: number): string {
  if (seats <= 0) return tr.t('staffEmail.seats.full');
  return tr.t('staffEmail.seats.count', { count: seats });
}
