import type { EmailPayload } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { formatRange, greeting, safeTimeZone } from './email-format.ts';
import { button, emailLayout, para } from './email-html.ts';
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
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = formatRange(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const amount = formatMoney(refund.amount, refund.currency);
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';

  const explanation =
    `Your payment for ${title} (${when}) arrived after the hold on your seat had expired, ` +
    'and in the meantime the session filled up, so we could not confirm your booking.';
  const refundLine =
    refund.status === 'completed'
      ? `We have refunded ${amount} in full to your original payment method. Depending on your bank, it can take 5–10 business days to show on your statement.`
      : `We have started a full refund of ${amount} to your original payment method. Depending on your bank, it can take 5–10 business days to show on your statement.`;
  const apology = 'We are sorry for the inconvenience.';

  const text = [
    greeting(booking.attendee.name),
    '',
    explanation,
    '',
    refundLine,
    '',
    apology,
    ...(bookAgainUrl ? ['', `Pick another session: ${bookAgainUrl}`] : []),
    '',
    tenantName,
  ].join('\n');

  const html = emailLayout(
    'Your payment has been refunded',
    [
      para(greeting(booking.attendee.name)),
      para(explanation),
      para(refundLine),
      para(apology),
      bookAgainUrl ? button(bookAgainUrl, 'Pick another session') : '',
    ].join(''),
  );

  return {
    to: address(booking.attendee.email),
    subject: subject(`Payment refunded: ${title} was fully booked`),
    text,
    html,
  };
}
