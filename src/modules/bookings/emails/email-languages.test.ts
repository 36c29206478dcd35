import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../../../lib/i18n/catalogues.ts';
import { LOCALES } from '../../../lib/i18n/locales.schema.ts';
import { translator } from '../../../lib/i18n/translator.ts';
import { emailPayloadSchema } from '../../../lib/mailer.ts';
import { type BookingCancelledInput, bookingCancelledEmail } from './booking-cancelled-email.ts';
import { type BookingConfirmationInput, bookingConfirmationEmail } from './booking-confirmation-email.ts';
import { staffCancellationNotificationEmail } from './staff-booking-emails.ts';

// Issue 18: a student's e-mail in each language we offer, with none of our English left in it
// (the school's own text, names and the product names Zoom and Google Meet aside).

const booking = {
  uid: 'bk_7f3a',
  title: 'Conversación avanzada',
  startTime: new Date('2024-12-01T14:00:00Z'),
  endTime: new Date('2024-12-01T15:00:00Z'),
  attendee: { name: 'Ana García', email: 'ana@example.com', timeZone: 'America/New_York' },
};

const confirmation: BookingConfirmationInput = {
  tenant: { name: 'Acme' },
  booking,
  location: { type: 'zoom', value: 'https://zoom.us/j/123456' },
  teacher: { name: 'Tomás', email: 'tomas@acme.example' },
  manageUrl: 'https://acme.booking.example/bookings/bk_7f3a?token=abc',
  payment: { amount: 2500, currency: 'EUR' },
  policy: { cancellationNoticeHours: 24, refundWindowHours: 48 },
  icsUid: 'bk_7f3a@booking.example',
  organizerEmail: 'bookings@booking.example',
  now: new Date('2024-11-20T10:00:00Z'),
  schoolMessage: 'Trae tu cuaderno.',
};

const cancellation: BookingCancelledInput = {
  tenant: confirmation.tenant,
  booking,
  teacher: confirmation.teacher,
  cancelledBy: 'teacher',
  reason: 'Enfermedad',
  refund: { eligible: true, amount: 2500, currency: 'EUR', status: 'completed' },
  icsUid: confirmation.icsUid,
  organizerEmail: confirmation.organizerEmail,
  now: new Date('2024-11-25T10:00:00Z'),
  bookAgainUrl: 'https://acme.booking.example/t/tomas/conversacion',
};

/** The literal runs of our English e-mail messages (placeholders cut out), long enough to mean something. */
const englishRuns = Object.entries(ENGLISH)
  .filter(([key]) => /^(email|ics|staffEmail|common)\./.test(key))
  .flatMap(([, message]) => message.replace(/\{[^{}]*\{[^{}]*\}[^{}]*\}/g, '{}').split(/\{[^{}]*\}/))
  .flatMap((run) => run.split(/[,:;()]|\.(?=\s|$)/))
  .map((run) => run.trim())
  .filter(
    (run) => run.length >= 4 && !['Zoom', 'Google Meet', 'Online', 'invite.ics', 'cancel.ics'].includes(run),
  );

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Our English runs found as whole words in `part` (an HTML part's tags and styles left out). */
function englishLeft(part: string): string[] {
  const text = part.replace(/<[^>]*>/g, ' ');
  return englishRuns.filter((run) => new RegExp(`(?<!\\p{L})${escapeRegExp(run)}(?!\\p{L})`, 'u').test(text));
}

describe.each(LOCALES.filter((locale) => locale !== 'en'))('e-mails in %s', (locale) => {
  const tr = translator(locale);
  const inLanguage = { ...booking, attendee: { ...booking.attendee, language: locale } };

  it('writes the confirmation in the language, with its dates, money and invite text', () => {
    const email = bookingConfirmationEmail({ ...confirmation, booking: inLanguage });
    expect(emailPayloadSchema.parse(email).language).toBe(locale);
    expect(email.html).toContain(`<html lang="${locale}">`);
    expect(email.subject).toContain(tr.shortDateTime(booking.startTime, 'America/New_York'));
    expect(email.text).toContain(tr.range(booking.startTime, booking.endTime, 'America/New_York'));
    expect(email.text).toContain(tr.money(2500, 'EUR'));
    // The school's text is kept as written.
    expect(email.text).toContain('Trae tu cuaderno.');
    const ics = email.attachments![0]!.content;
    expect(ics).toContain(`DESCRIPTION;LANGUAGE=${locale}:`);
    for (const part of [email.subject, email.text, email.html!, ics]) expect(englishLeft(part)).toEqual([]);
  });

  it('writes the cancellation by the teacher in the language', () => {
    const email = bookingCancelledEmail({ ...cancellation, booking: inLanguage });
    expect(email.language).toBe(locale);
    expect(email.text).toContain('Enfermedad');
    for (const part of [email.subject, email.text, email.html!, email.attachments![0]!.content]) {
      expect(englishLeft(part)).toEqual([]);
    }
  });

  it('writes a staff notice in the staff member’s language', () => {
    const email = staffCancellationNotificationEmail({
      to: { name: 'Tomás', email: 'tomas@acme.example', timeZone: 'Europe/Madrid', language: locale },
      tenant: confirmation.tenant,
      booking,
      cancelledBy: 'student',
      refund: cancellation.refund,
      seatsLeft: 3,
    });
    expect(email.language).toBe(locale);
    for (const part of [email.subject, email.text, email.html!]) expect(englishLeft(part)).toEqual([]);
  });
});

describe('e-mails in English', () => {
  it('say so: language en, and an unsupported stored tag falls back to English', () => {
    const english = bookingConfirmationEmail(confirmation);
    expect(english.language).toBe('en');
    // The check above finds our English when it is there.
    expect(englishLeft(english.text).length).toBeGreaterThan(10);
    const odd = { ...booking, attendee: { ...booking.attendee, language: 'xx' } };
    const email = bookingConfirmationEmail({ ...confirmation, booking: odd });
    expect(email.language).toBe('en');
    expect(email.text).toContain('Your booking with Acme is confirmed.');
  });
});
