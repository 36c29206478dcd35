import type { EmailPayload } from '../../lib/mailer.ts';
import { formatMoney } from '../../lib/money.ts';

/** "12 March 2025, 18:00 (Europe/Berlin)": an instant in the school's zone, the zone named. */
export function passDate(instant: Date, zone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} (${zone.replace(/_/g, ' ')})`;
}

/** "5 classes" / "1 class". */
export function classCount(n: number): string {
  return `${n} ${n === 1 ? 'class' : 'classes'}`;
}

/** The buyer's receipt once Stripe confirmed the payment: what the pass gives, until when, its link. */
export function passReadyEmail(input: {
  to: string;
  buyerName: string;
  schoolName: string;
  schoolTimeZone: string;
  passName: string;
  classes: number;
  amountCents: number;
  currency: string;
  expiresAt: Date;
  /** The workshops it pays for; null: every class of the school. */
  workshopTitles: string[] | null;
  manageUrl: string;
}): EmailPayload {
  const covers =
    input.workshopTitles === null
      ? `It pays for any class of ${input.schoolName}.`
      : `It pays for these classes: ${input.workshopTitles.join(', ')}.`;
  const text = [
    `Hello ${input.buyerName},`,
    '',
    `Thank you for buying "${input.passName}" from ${input.schoolName} (${formatMoney(input.amountCents, input.currency)}): ${classCount(input.classes)} to use by ${passDate(input.expiresAt, input.schoolTimeZone)}.`,
    '',
    `${covers} Book with this e-mail address (${input.to}) and the pass pays for the seat: one class each time, with no payment at booking. Cancelling within the school's refund window gives the class back to your pass.`,
    '',
    `Your pass, what is left on it and its history: ${input.manageUrl}`,
    '',
    'Keep this link to yourself: anyone with it can see your pass.',
  ].join('\n');
  return { to: input.to, subject: `Your class pass from ${input.schoolName}`, text };
}
