import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { safeTimeZone } from './email-format.ts';
import { button, emailLayout, para } from './email-html.ts';
import { greetingIn, labelled, readerTranslator } from './email-language.ts';
import { address, subject } from './email-sanitize.ts';
import type { EmailBooking, EmailTenant, Money } from './email-types.ts';

export interface LatePaymentRefundedInput {
  tenant: EmailTenant;
  booking: EmailBooking;
  refund: Money & { status: 'pending' | 'completed' };
  /** Where to pick another session, if any. */
  bookAgainUrl?: string | undefined;
}

/** The payment completed after the seat hold lapsed and the session filled up meanwhile: refunded in full. */
export function latePaymentRefundedEmail(input: LatePaymentRefundedInput): EmailPayload {
  const { tenant, booking, refund } = input;
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = tr.range(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const amount = tr.money(refund.amount, refund.currency);
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';

  const explanation = tr.t('email.latePayment.explanation', { title, when });
  const refundLine = tr.t(refund.status === 'completed' ? 'email.refund.completed' : 'email.refund.pending', {
    amount,
  });
  const apology = tr.t('email.latePayment.apology');
  const pickAnother = tr.t('email.latePayment.pickAnother');
  const greeting = greetingIn(tr, booking.attendee.name);

  const text = [
    greeting,
    '',
    explanation,
    '',
    refundLine,
    '',
    apology,
    ...(bookAgainUrl ? ['', labelled(pickAnother, bookAgainUrl)] : []),
    '',
    tenantName,
  ].join('\n');

  const html = emailLayout(
    tr.t('email.latePayment.heading'),
    [
      para(greeting),
      para(explanation),
      para(refundLine),
      para(apology),
      bookAgainUrl ? button(bookAgainUrl, pickAnother) : '',
    ].join(''),
    tr.locale,
  );

  return {
    to: address(booking.attendee.email),
    subject: subject(tr.t('email.latePayment.subject', { title })),
    text,
    html,
    language: tr.locale,
  };
}
