import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingInvite, inviteHeadline } from './booking-invite.ts';
import { safeTimeZone } from './email-format.ts';
import { button, type Detail, detailsHtml, detailsText, emailLayout, MUTED, para } from './email-html.ts';
import { greetingIn, labelled, readerTranslator } from './email-language.ts';
import { address, multiLine, subject } from './email-sanitize.ts';
import type { CancelledBy, EmailBooking, EmailPerson, EmailTenant, RefundInfo } from './email-types.ts';

// The student's cancellation notice: who cancelled, the money, and the invite that removes the
// session from their calendar.

export interface BookingCancelledInput {
  tenant: EmailTenant;
  booking: EmailBooking;
  teacher: EmailPerson;
  cancelledBy: CancelledBy;
  reason?: string | null | undefined;
  refund: RefundInfo;
  /** The same UID as the confirmation's invite. */
  icsUid: string;
  /** Must be higher than the last invite's SEQUENCE; defaults to 1 (the confirmation's default is 0). */
  icsSequence?: number | undefined;
  organizerEmail: string;
  now: Date;
  /** Where to book another session, if any. */
  bookAgainUrl?: string | undefined;
}

export function bookingCancelledEmail(input: BookingCancelledInput): EmailPayload {
  const { tenant, booking, teacher, refund } = input;
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = tr.range(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const teacherName = singleLine(teacher.name);
  const reason = input.reason ? multiLine(input.reason) : '';
  const greeting = greetingIn(tr, booking.attendee.name);

  const intro = {
    student: () => tr.t('email.cancelled.byStudent', { title }),
    teacher: () => tr.t('email.cancelled.byTeacher', { title, teacher: teacherName }),
    admin: () => tr.t('email.cancelled.byAdmin', { title, school: tenantName }),
  }[input.cancelledBy]();
  const reasonLine = reason ? tr.t('email.reason', { reason }) : '';
  const refundLine = studentRefundText(tr, refund, tenantName);
  const details: Detail[] = [
    { label: tr.t('email.label.what'), text: title },
    { label: tr.t('email.label.when'), text: when },
    { label: tr.t('email.label.teacher'), text: teacherName },
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
  ];
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';
  const inviteNote = tr.t('email.cancelled.inviteNote');
  const bookAnother = tr.t('email.bookAnother');

  const text = [
    greeting,
    '',
    intro,
    ...(reasonLine ? ['', reasonLine] : []),
    '',
    ...detailsText(details),
    '',
    refundLine,
    '',
    inviteNote,
    ...(bookAgainUrl ? ['', labelled(bookAnother, bookAgainUrl)] : []),
    '',
    tenantName,
  ].join('\n');

  const html = emailLayout(
    tr.t('email.cancelled.heading'),
    [
      para(greeting),
      para(intro),
      reasonLine ? para(reasonLine) : '',
      detailsHtml(details),
      para(refundLine),
      bookAgainUrl ? button(bookAgainUrl, bookAnother) : '',
      para(inviteNote, MUTED),
    ].join(''),
    tr.locale,
  );

  const invite = bookingInvite({
    ...input,
    method: 'CANCEL',
    sequence: input.icsSequence ?? 1,
    events: [
      {
        uid: input.icsUid,
        start: booking.startTime,
        end: booking.endTime,
        description: tr.t('ics.cancelled', { headline: inviteHeadline(booking.title, teacher, tenant, tr) }),
      },
    ],
    tr,
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      tr.t('email.cancelled.subject', { title, date: tr.shortDateTime(booking.startTime, zone) }),
    ),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}

function studentRefundText(tr: Translator, refund: RefundInfo, tenantName: string): string {
  if (refund.pass) return tr.t(refund.eligible ? 'email.refund.passBack' : 'email.refund.passKept');
  if (refund.amount <= 0) return tr.t('email.refund.free');
  const amount = tr.money(refund.amount, refund.currency);
  if (!refund.eligible) return tr.t('email.refund.outside', { amount });
  switch (refund.status) {
    case 'completed':
      return tr.t('email.refund.completed', { amount });
    case 'pending':
      return tr.t('email.refund.pending', { amount });
    case 'failed':
      return tr.t('email.refund.failed', { amount, school: tenantName });
    case 'not_applicable':
      return tr.t('email.refund.noPayment');
  }
}
