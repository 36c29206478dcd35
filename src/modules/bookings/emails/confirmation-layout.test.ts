import { describe, expect, it } from 'vitest';
import { schoolMessage } from '../school-message.ts';
import { type BookingConfirmationInput, bookingConfirmationEmail } from './booking-confirmation-email.ts';
import { bookingReminderEmail } from './booking-reminder-email.ts';
import { enrolmentConfirmationEmail } from './enrolment-confirmation-email.ts';
import { seriesConfirmationEmail } from './series-confirmation-email.ts';

// The school's own note (issue 17) in the one layout the student's confirmations and reminders share.

const base: BookingConfirmationInput = {
  tenant: { name: 'Acme <Languages>' },
  booking: {
    uid: 'bk_1',
    title: 'Spanish conversation',
    startTime: new Date('2024-12-01T14:00:00Z'),
    endTime: new Date('2024-12-01T15:00:00Z'),
    attendee: { name: 'Ana', email: 'ana@example.com', timeZone: 'UTC' },
  },
  location: { type: 'zoom', value: 'https://zoom.us/j/1' },
  teacher: { name: 'Tomás', email: 'tomas@example.com' },
  manageUrl: 'https://booking.example/bookings/bk_1?token=t',
  payment: null,
  policy: { cancellationNoticeHours: 24, refundWindowHours: 48 },
  icsUid: 'bk_1@booking.example',
  organizerEmail: 'bookings@booking.example',
  now: new Date('2024-11-20T10:00:00Z'),
};
const session = { startTime: base.booking.startTime, endTime: base.booking.endTime };
const NOTE = 'Bring a pen.\r\n\r\nParking <b>behind</b> the school\u0007.';

const emails = {
  booking: (schoolMessage: string | null) => bookingConfirmationEmail({ ...base, schoolMessage }),
  series: (schoolMessage: string | null) =>
    seriesConfirmationEmail({
      ...base,
      schoolMessage,
      sessions: [{ ...session, uid: 'bk_1', manageUrl: base.manageUrl, icsUid: base.icsUid }],
      sessionPrice: null,
    }),
  enrolment: (schoolMessage: string | null) =>
    enrolmentConfirmationEmail({
      ...base,
      schoolMessage,
      sessions: [{ ...session, icsUid: 'x' }],
      courseSessions: 1,
    }),
  reminder: (schoolMessage: string | null) =>
    bookingReminderEmail({ ...base, schoolMessage, icsSequence: 0 }),
};

describe('the school note in the student e-mails', () => {
  for (const [name, build] of Object.entries(emails)) {
    it(`${name}: a headed block after the details, line breaks kept, escaped in HTML`, () => {
      const email = build(NOTE);
      expect(email.text).toContain(
        'A note from Acme <Languages>\n  Bring a pen.\n\n  Parking <b>behind</b> the school.\n\n',
      );
      expect(email.text.indexOf('A note from')).toBeGreaterThan(email.text.indexOf('Teacher: Tomás'));
      expect(email.html).toContain('A note from Acme &lt;Languages&gt;</h2>');
      expect(email.html).toContain('Bring a pen.<br><br>Parking &lt;b&gt;behind&lt;/b&gt; the school.</div>');
      expect(email.html).not.toContain('<b>');
      expect(email.text).toMatch(/See you there,\nAcme <Languages>$/);
    });

    it(`${name}: no block without a note, or with only white space`, () => {
      for (const note of [null, ' \n\t ']) {
        const email = build(note);
        expect(email.text).not.toContain('A note from');
        expect(email.html).not.toContain('A note from');
      }
      expect(build(null).text).toBe(build('').text);
    });
  }

  it('is sent only while the plan has customEmails', () => {
    expect(schoolMessage({ plan: 'growth' }, { emailMessage: 'Hi' })).toBe('Hi');
    expect(schoolMessage({ plan: 'starter' }, { emailMessage: 'Hi' })).toBeNull();
    expect(schoolMessage({ plan: 'lite' }, { emailMessage: null })).toBeNull();
  });
});
