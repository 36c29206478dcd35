import { escapeHtml } from '../../../lib/html.ts';
import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingInvite, inviteHeadline } from './booking-invite.ts';
import { safeTimeZone } from './email-format.ts';
import { button, emailLayout, listSection, MUTED, para } from './email-html.ts';
import { greetingIn, labelled, readerTranslator } from './email-language.ts';
import { address, multiLine, subject } from './email-sanitize.ts';
import type { CancelledBy, EmailPerson, EmailRecipient, EmailTenant, Money } from './email-types.ts';

// A cancelled whole-course enrolment, told once for all its sessions: the student's notice with
// one invite withdrawing every cancelled session, and the staff's. Pure.

export interface EnrolmentCancelledInput {
  tenant: EmailTenant;
  title: string;
  student: EmailRecipient;
  teacher: EmailPerson;
  cancelledBy: CancelledBy;
  reason: string | null;
  /** The sessions cancelled, with their booking's invite UID and its latest SEQUENCE. */
  cancelled: Array<{ uid: string; startTime: Date; endTime: Date; icsUid: string; icsSequence: number }>;
  /** Sessions that stay booked (too close to cancel online). */
  kept: Array<{ startTime: Date; endTime: Date }>;
  /** What the cancellation refunds; status `not_applicable` when nothing. */
  refund: Money & { status: 'pending' | 'completed' | 'failed' | 'not_applicable' };
  organizerEmail: string;
  now: Date;
  bookAgainUrl?: string | undefined;
}

export function enrolmentCancelledEmail(input: EnrolmentCancelledInput): EmailPayload {
  const { tenant, student, refund } = input;
  const tr = readerTranslator(student.language);
  const zone = safeTimeZone(student.timeZone);
  const title = singleLine(input.title);
  const tenantName = singleLine(tenant.name);
  const reason = input.reason ? multiLine(input.reason) : '';
  const count = input.cancelled.length;
  const intro = {
    student: () => tr.t('email.enrolmentCancelled.byStudent', { title, count }),
    teacher: () => tr.t('email.enrolmentCancelled.byTeacher', { title, count }),
    admin: () => tr.t('email.enrolmentCancelled.byAdmin', { title, count, school: tenantName }),
  }[input.cancelledBy]();
  const when = (s: { startTime: Date; endTime: Date }) => tr.range(s.startTime, s.endTime, zone);
  const refundLine = refundText(tr, refund);
  const keptLine =
    input.kept.length === 0
      ? ''
      : tr.t('email.enrolmentCancelled.kept', { sessions: input.kept.map(when).join('; ') });
  const reasonLine = reason ? tr.t('email.reason', { reason }) : '';
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';
  const listHeading = tr.t('email.enrolmentCancelled.list');
  const inviteNote = tr.t('email.enrolmentCancelled.inviteNote');
  const greeting = greetingIn(tr, student.name);

  const text = [
    greeting,
    '',
    intro,
    ...(reasonLine ? ['', reasonLine] : []),
    '',
    listHeading,
    ...input.cancelled.map((s, i) => `${i + 1}. ${when(s)}`),
    ...(keptLine ? ['', keptLine] : []),
    '',
    refundLine,
    '',
    inviteNote,
    ...(bookAgainUrl ? ['', labelled(tr.t('email.enrolmentCancelled.seeAgain'), bookAgainUrl)] : []),
    '',
    tenantName,
  ].join('\n');

  const html = emailLayout(
    tr.t('email.enrolmentCancelled.heading'),
    [
      para(greeting),
      para(intro),
      reasonLine ? para(reasonLine) : '',
      listSection(
        listHeading,
        input.cancelled.map((s) => escapeHtml(when(s))),
        'ol',
      ),
      keptLine ? para(keptLine) : '',
      para(refundLine),
      bookAgainUrl ? button(bookAgainUrl, tr.t('email.enrolmentCancelled.button')) : '',
      para(inviteNote, MUTED),
    ].join(''),
    tr.locale,
  );

  const invite = bookingInvite({
    method: 'CANCEL',
    // Above every invite sent for these sessions.
    sequence: Math.max(0, ...input.cancelled.map((s) => s.icsSequence)) + 1,
    now: input.now,
    tenant,
    booking: { ...input.cancelled[0]!, title: input.title, attendee: student },
    organizerEmail: input.organizerEmail,
    events: input.cancelled.map((s) => ({
      uid: s.icsUid,
      start: s.startTime,
      end: s.endTime,
      description: tr.t('ics.cancelled', {
        headline: inviteHeadline(input.title, input.teacher, tenant, tr),
      }),
    })),
    tr,
  });

  return {
    to: address(student.email),
    subject: subject(tr.t('email.enrolmentCancelled.subject', { title })),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}

function refundText(tr: Translator, refund: EnrolmentCancelledInput['refund']): string {
  const amount = tr.money(refund.amount, refund.currency);
  switch (refund.status) {
    case 'completed':
      return tr.t('email.enrolmentCancelled.refund.completed', { amount });
    case 'pending':
      return tr.t('email.enrolmentCancelled.refund.pending', { amount });
    case 'failed':
      return tr.t('email.enrolmentCancelled.refund.failed', { amount });
    default:
      return tr.t('email.enrolmentCancelled.refund.none');
  }
}

/** The teacher's and admins' notice: who left, how many sessions, what is refunded. */
export function staffEnrolmentCancelledEmail(
  input: Omit<EnrolmentCancelledInput, 'organizerEmail' | 'now' | 'bookAgainUrl' | 'teacher'> & {
    to: EmailRecipient;
  },
): EmailPayload {
  const { to, student, refund } = input;
  const tr = readerTranslator(to.language);
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(input.title);
  const who = singleLine(student.name) || singleLine(student.email);
  const values = { student: who, email: singleLine(student.email), title };
  const by = {
    student: () => tr.t('staffEmail.enrolment.byStudent', values),
    teacher: () => tr.t('staffEmail.enrolment.byTeacher', values),
    admin: () => tr.t('staffEmail.enrolment.byAdmin', values),
  }[input.cancelledBy]();
  const lines = [
    by,
    tr.t('staffEmail.enrolment.cancelled', {
      sessions: input.cancelled.map((s) => tr.range(s.startTime, s.endTime, zone)).join('; '),
    }),
    ...(input.kept.length > 0 ? [tr.t('staffEmail.enrolment.kept', { count: input.kept.length })] : []),
    ...(input.reason ? [tr.t('email.reason', { reason: multiLine(input.reason) })] : []),
    refund.status === 'not_applicable'
      ? tr.t('staffEmail.enrolment.noRefund')
      : tr.t('staffEmail.enrolment.refund', {
          amount: tr.money(refund.amount, refund.currency),
          status: tr.t(`staffEmail.refundStatus.${refund.status}`),
        }),
  ];
  const greeting = greetingIn(tr, to.name);
  return {
    to: address(to.email),
    subject: subject(tr.t('staffEmail.enrolment.subject', { student: who, title })),
    text: [greeting, '', ...lines, '', singleLine(input.tenant.name)].join('\n'),
    html: emailLayout(
      tr.t('staffEmail.enrolment.heading'),
      [para(greeting), ...lines.map((l) => para(l))].join(''),
      tr.locale,
    ),
    language: tr.locale,
  };
}
