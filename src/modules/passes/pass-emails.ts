import { greetingIn, readerTranslator } from '../../lib/i18n/reader.ts';
import type { EmailPayload } from '../../lib/mailer.ts';

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
  /** The language the pass was bought in (`student_passes.language`, issue 18); English when absent. */
  language?: string | null | undefined;
}): EmailPayload {
  const tr = readerTranslator(input.language);
  const school = input.schoolName;
  const covers =
    input.workshopTitles === null
      ? tr.t('email.pass.anyClass', { school })
      : tr.t('email.pass.someClasses', { titles: input.workshopTitles.join(', ') });
  const date =
    tr.locale === 'en'
      ? passDate(input.expiresAt, input.schoolTimeZone)
      : `${tr.dateTime(input.expiresAt, input.schoolTimeZone)}`;
  const thanks = tr.t('email.pass.thanks', {
    pass: input.passName,
    school,
    price: tr.money(input.amountCents, input.currency),
    classes: tr.t('email.pass.classes', { count: input.classes }),
    date,
  });
  const text = [
    greetingIn(tr, input.buyerName),
    '',
    thanks,
    '',
    `${covers} ${tr.t('email.pass.howTo', { email: input.to })}`,
    '',
    tr.t('email.pass.link', { url: input.manageUrl }),
    '',
    tr.t('email.pass.keep'),
  ].join('\n');
  return {
    to: input.to,
    subject: tr.t('email.pass.subject', { school }),
    text,
    language: tr.locale,
  };
}
