import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type EmailPayload, emailPayloadSchema } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { type BookingCancelledInput, bookingCancelledEmail } from './booking-cancelled-email.ts';
import { type BookingConfirmationInput, bookingConfirmationEmail } from './booking-confirmation-email.ts';
import { formatRange } from './email-format.ts';
import type { EmailBooking } from './email-types.ts';
import { latePaymentRefundedEmail } from './late-payment-refunded-email.ts';
import { staffBookingNotificationEmail, staffCancellationNotificationEmail } from './staff-booking-emails.ts';

const booking: EmailBooking = {
  uid: 'bk_7f3a',
  title: 'Spanish conversation',
  startTime: new Date('2024-12-01T14:00:00Z'),
  endTime: new Date('2024-12-01T15:00:00Z'),
  attendee: { name: 'Ana Student', email: 'ana@example.com', timeZone: 'America/New_York' },
};

const confirmation: BookingConfirmationInput = {
  tenant: { name: 'Acme Languages' },
  booking,
  location: { type: 'zoom', value: 'https://zoom.us/j/123456' },
  teacher: { name: 'Tomás Teacher', email: 'tomas@acme.example' },
  manageUrl: 'https://acme.booking.example/bookings/bk_7f3a?token=abc',
  payment: { amount: 2500, currency: 'USD' },
  policy: { cancellationNoticeHours: 24, refundWindowHours: 48 },
  icsUid: 'bk_7f3a@booking.example',
  organizerEmail: 'bookings@booking.example',
  now: new Date('2024-11-20T10:00:00Z'),
};

const cancellation: BookingCancelledInput = {
  tenant: confirmation.tenant,
  booking,
  teacher: confirmation.teacher,
  cancelledBy: 'student',
  refund: { eligible: true, amount: 2500, currency: 'USD', status: 'pending' },
  icsUid: confirmation.icsUid,
  organizerEmail: confirmation.organizerEmail,
  now: new Date('2024-11-25T10:00:00Z'),
};

function validate(payload: EmailPayload) {
  const parsed = emailPayloadSchema.parse(payload);
  // Survives the JSON round trip of the outbox.
  expect(emailPayloadSchema.parse(JSON.parse(JSON.stringify(payload)))).toEqual(parsed);
  expect(payload.subject).not.toMatch(/[\r\n]/);
  expect(payload.html).toBeDefined();
  // Self-contained HTML: no scripts, images, stylesheets or frames, and only http(s) links.
  expect(payload.html).not.toMatch(/<(script|img|link|iframe|object|style)\b/i);
  expect(payload.html).not.toMatch(/url\(/i);
  for (const [, href] of payload.html!.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
  return parsed;
}

function icsOf(payload: EmailPayload) {
  expect(payload.attachments).toHaveLength(1);
  const attachment = payload.attachments![0]!;
  const calendar = new ICAL.Component(ICAL.parse(attachment.content));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { attachment, calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('bookingConfirmationEmail', () => {
  it('builds a valid payload with times in the attendee zone, price, policy and manage link', () => {
    const email = bookingConfirmationEmail(confirmation);
    validate(email);
    expect(email.to).toBe('ana@example.com');
    expect(email.subject).toBe(
      'Booking confirmed: Spanish conversation on Sun, 1 Dec 2024, 09:00 (America/New_York)',
    );
    expect(email.text).toContain('Hello Ana Student,');
    expect(email.text).toContain('When: Sunday, 1 December 2024, 09:00–10:00 (America/New_York)');
    expect(email.text).toContain('Where: Zoom — https://zoom.us/j/123456');
    expect(email.text).toContain('Teacher: Tomás Teacher');
    expect(email.text).toContain('Paid: $25.00');
    expect(email.text).toContain(
      'You can cancel online until Saturday, 30 November 2024, 09:00 (America/New_York), 24 hours before the start.',
    );
    expect(email.text).toContain(
      'Cancel by Friday, 29 November 2024, 09:00 (America/New_York), 48 hours before the start, for a full refund of $25.00',
    );
    expect(email.text).toContain(`Manage or cancel your booking: ${confirmation.manageUrl}`);
    expect(email.html).toContain('href="https://acme.booking.example/bookings/bk_7f3a?token=abc"');
    expect(email.html).toContain('href="https://zoom.us/j/123456"');
    expect(email.html).toContain('Sunday, 1 December 2024, 09:00–10:00 (America/New_York)');
  });

  it('attaches a REQUEST invite that ical.js reads back', () => {
    const { attachment, calendar, vevent, event } = icsOf(bookingConfirmationEmail(confirmation));
    expect(attachment.filename).toBe('invite.ics');
    expect(attachment.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(attachment.encoding).toBe('utf8');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.uid).toBe('bk_7f3a@booking.example');
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate()).toEqual(booking.startTime);
    expect(event.endDate.toJSDate()).toEqual(booking.endTime);
    expect(event.summary).toBe('Spanish conversation');
    expect(event.location).toBe('https://zoom.us/j/123456');
    expect(event.description).toContain('Manage or cancel your booking: https://acme.booking.example/');
    expect(event.organizer).toBe('mailto:bookings@booking.example');
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('Acme Languages');
    expect(event.attendees[0]!.getFirstValue()).toBe('mailto:ana@example.com');
    expect(event.attendees[0]!.getParameter('cn')).toBe('Ana Student');
  });

  it('escapes user-provided strings in HTML and keeps CR/LF out of the subject', () => {
    const email = bookingConfirmationEmail({
      ...confirmation,
      tenant: { name: 'Tom & "Jerry\'s" <School>' },
      booking: {
        ...booking,
        title: '<script>alert(1)</script>\r\nBcc: victim@example.com',
        attendee: { ...booking.attendee, name: '<img src=x onerror=alert(1)>' },
      },
      teacher: { name: '<b>Bold</b>', email: 't@example.com' },
      location: { type: 'in_person', value: '1 <Main> St\nSpringfield' },
    });
    validate(email);
    expect(email.subject).toBe(
      'Booking confirmed: <script>alert(1)</script> Bcc: victim@example.com on Sun, 1 Dec 2024, 09:00 (America/New_York)',
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Bold');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Hello &lt;img src=x onerror=alert(1)&gt;,');
    expect(email.html).toContain('Tom &amp; &quot;Jerry&#39;s&quot; &lt;School&gt;');
    expect(email.html).toContain('In person — 1 &lt;Main&gt; St, Springfield');
    expect(email.text).toContain('What: <script>alert(1)</script> Bcc: victim@example.com\n');
    const { event } = icsOf(email);
    expect(event.summary).toBe('<script>alert(1)</script>\nBcc: victim@example.com');
    expect(event.location).toBe('1 <Main> St\nSpringfield');
  });

  it('does not link a non-http manage URL or meeting link', () => {
    const email = bookingConfirmationEmail({
      ...confirmation,
      manageUrl: 'javascript:alert(1)',
      location: { type: 'link', value: 'javascript:alert(2)' },
    });
    validate(email);
    expect(email.html).not.toContain('href="javascript');
  });

  it('renders times across a DST boundary in the attendee zone', () => {
    // New York leaves DST on 3 November 2024: the same 14:00 UTC is 10:00 before, 09:00 after.
    const before = bookingConfirmationEmail({
      ...confirmation,
      booking: {
        ...booking,
        startTime: new Date('2024-11-01T14:00:00Z'),
        endTime: new Date('2024-11-01T15:30:00Z'),
      },
      now: new Date('2024-10-20T00:00:00Z'),
    });
    expect(before.text).toContain('When: Friday, 1 November 2024, 10:00–11:30 (America/New_York)');

    const after = bookingConfirmationEmail({
      ...confirmation,
      booking: {
        ...booking,
        startTime: new Date('2024-11-04T14:00:00Z'),
        endTime: new Date('2024-11-04T15:30:00Z'),
      },
      now: new Date('2024-10-20T00:00:00Z'),
    });
    expect(after.text).toContain('When: Monday, 4 November 2024, 09:00–10:30 (America/New_York)');
    // The deadlines are 24 h and 48 h before the start: on the other side of the change.
    expect(after.text).toContain('until Sunday, 3 November 2024, 09:00 (America/New_York)');
    expect(after.text).toContain('Cancel by Saturday, 2 November 2024, 10:00 (America/New_York)');

    // A session during the change shows both offsets; the ambiguous 01:30 happens twice.
    expect(
      formatRange(new Date('2024-11-03T05:30:00Z'), new Date('2024-11-03T06:30:00Z'), 'America/New_York'),
    ).toBe('Sunday, 3 November 2024, 01:30 GMT-4 – 01:30 GMT-5 (America/New_York)');

    // Spring forward in Berlin; across midnight in Tokyo.
    expect(
      formatRange(new Date('2025-03-30T00:30:00Z'), new Date('2025-03-30T01:30:00Z'), 'Europe/Berlin'),
    ).toBe('Sunday, 30 March 2025, 01:30 GMT+1 – 03:30 GMT+2 (Europe/Berlin)');
    expect(
      formatRange(new Date('2024-12-01T14:30:00Z'), new Date('2024-12-01T15:30:00Z'), 'Asia/Tokyo'),
    ).toBe('Sunday, 1 December 2024, 23:30 – Monday, 2 December 2024, 00:30 (Asia/Tokyo)');
  });

  it('falls back to UTC for an invalid time zone', () => {
    const email = bookingConfirmationEmail({
      ...confirmation,
      booking: { ...booking, attendee: { ...booking.attendee, timeZone: 'Mars/Olympus_Mons' } },
    });
    expect(email.text).toContain('When: Sunday, 1 December 2024, 14:00–15:00 (UTC)');
  });

  it('formats a zero-decimal currency from its minor unit', () => {
    const email = bookingConfirmationEmail({ ...confirmation, payment: { amount: 1500, currency: 'JPY' } });
    validate(email);
    expect(email.text).toContain('Paid: ¥1,500');
    expect(email.text).not.toContain('¥15');
    expect(formatMoney(1500, 'jpy')).toBe('¥1,500');
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(12345, 'KWD')).toContain('12.345');
    expect(formatMoney(50000, 'KRW')).toBe('₩50,000');
    expect(formatMoney(1000, 'EUR')).toBe('€10.00');
  });

  it('describes a free booking and deadlines that have already passed', () => {
    const free = bookingConfirmationEmail({ ...confirmation, payment: null });
    validate(free);
    expect(free.text).toContain('Price: Free');
    expect(free.text).not.toMatch(/refund/i);

    const late = bookingConfirmationEmail({
      ...confirmation,
      now: new Date('2024-11-30T20:00:00Z'),
    });
    expect(late.text).toContain(
      'Online cancellation closes 24 hours before the start, so it has already closed',
    );
    expect(late.text).toContain('contact Acme Languages');

    const refundPassed = bookingConfirmationEmail({
      ...confirmation,
      now: new Date('2024-11-29T20:00:00Z'),
    });
    expect(refundPassed.text).toContain('until Saturday, 30 November 2024, 09:00 (America/New_York)');
    expect(refundPassed.text).toContain('that deadline has already passed');

    const refundAlways = bookingConfirmationEmail({
      ...confirmation,
      policy: { cancellationNoticeHours: 24, refundWindowHours: 12 },
    });
    expect(refundAlways.text).toContain('If you cancel, the $25.00 you paid is refunded in full.');
  });
});

describe('bookingCancelledEmail', () => {
  it('attaches a CANCEL invite with the same UID and a higher SEQUENCE', () => {
    const confirmed = icsOf(bookingConfirmationEmail(confirmation));
    const email = bookingCancelledEmail(cancellation);
    validate(email);
    const cancelled = icsOf(email);
    expect(cancelled.attachment.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.uid).toBe(confirmed.event.uid);
    expect(cancelled.event.sequence).toBeGreaterThan(confirmed.event.sequence);
    expect(cancelled.event.startDate.toJSDate()).toEqual(booking.startTime);
    expect(cancelled.event.attendees[0]!.getFirstValue()).toBe('mailto:ana@example.com');
    expect(bookingCancelledEmail({ ...cancellation, icsSequence: 5 }).attachments![0]!.content).toContain(
      '\r\nSEQUENCE:5\r\n',
    );
  });

  it('says who cancelled, why, and what happens to the money', () => {
    const email = bookingCancelledEmail({
      ...cancellation,
      cancelledBy: 'teacher',
      reason: 'I am ill <sorry>\r\nWe will reschedule',
      refund: { eligible: true, amount: 2500, currency: 'USD', status: 'completed' },
    });
    validate(email);
    expect(email.subject).toBe(
      'Booking cancelled: Spanish conversation on Sun, 1 Dec 2024, 09:00 (America/New_York)',
    );
    expect(email.text).toContain('your teacher, Tomás Teacher, had to cancel Spanish conversation');
    expect(email.text).toContain('Reason given: I am ill <sorry>\nWe will reschedule');
    expect(email.text).toContain('We have refunded $25.00 in full');
    expect(email.html).toContain('Reason given: I am ill &lt;sorry&gt;<br>We will reschedule');

    const texts = (
      [
        { eligible: true, amount: 2500, currency: 'USD', status: 'pending' },
        { eligible: true, amount: 2500, currency: 'USD', status: 'failed' },
        { eligible: false, amount: 2500, currency: 'USD', status: 'not_applicable' },
        { eligible: false, amount: 0, currency: 'USD', status: 'not_applicable' },
      ] as const
    ).map((refund) => bookingCancelledEmail({ ...cancellation, refund }).text);
    expect(texts[0]).toContain('We have started a full refund of $25.00');
    expect(texts[1]).toContain('could not be processed automatically');
    expect(texts[2]).toContain('outside the refund window, so the $25.00 you paid is not refunded');
    expect(texts[3]).toContain('This booking was free, so there is nothing to refund.');
    expect(bookingCancelledEmail({ ...cancellation, cancelledBy: 'admin' }).text).toContain(
      'Acme Languages had to cancel your booking for Spanish conversation',
    );
  });
});

describe('staff e-mails', () => {
  const staff = { name: 'Tomás Teacher', email: 'tomas@acme.example', timeZone: 'Europe/Madrid' };

  it('notifies staff of a booking in their own zone', () => {
    const email = staffBookingNotificationEmail({
      to: staff,
      tenant: confirmation.tenant,
      booking: { ...booking, attendee: { ...booking.attendee, name: '<script>x</script>' } },
      seatsLeft: 3,
      paid: { amount: 1500, currency: 'JPY' },
      manageAdminHint: 'https://acme.booking.example/admin/bookings/bk_7f3a',
    });
    validate(email);
    expect(email.to).toBe('tomas@acme.example');
    expect(email.subject).toBe(
      'New booking: <script>x</script> for Spanish conversation on Sun, 1 Dec 2024, 15:00 (Europe/Madrid)',
    );
    expect(email.text).toContain('When: Sunday, 1 December 2024, 15:00–16:00 (Europe/Madrid)');
    expect(email.text).toContain('Payment: ¥1,500 paid');
    expect(email.text).toContain('Seats left: 3 seats');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('href="https://acme.booking.example/admin/bookings/bk_7f3a"');
    expect(email.attachments).toBeUndefined();

    const full = staffBookingNotificationEmail({
      to: staff,
      tenant: confirmation.tenant,
      booking,
      seatsLeft: 0,
      paid: null,
    });
    expect(full.text).toContain('Payment: Free');
    expect(full.text).toContain('Seats left: none: the session is now full');
  });

  it('notifies staff of a cancellation', () => {
    const email = staffCancellationNotificationEmail({
      to: staff,
      tenant: confirmation.tenant,
      booking,
      cancelledBy: 'student',
      reason: 'Clash',
      refund: { eligible: true, amount: 2500, currency: 'USD', status: 'failed' },
      seatsLeft: 1,
    });
    validate(email);
    expect(email.subject).toContain('Booking cancelled: Ana Student for Spanish conversation');
    expect(email.text).toContain('Cancelled by: the student');
    expect(email.text).toContain('Reason: Clash');
    expect(email.text).toContain('Refund: $25.00 refund FAILED');
    expect(email.text).toContain('Seats left: 1 seat');
  });
});

describe('latePaymentRefundedEmail', () => {
  it('explains the expired hold and the full refund', () => {
    const email = latePaymentRefundedEmail({
      tenant: confirmation.tenant,
      booking,
      refund: { amount: 1500, currency: 'JPY', status: 'completed' },
      bookAgainUrl: 'https://acme.booking.example/tomas-teacher/spanish',
    });
    validate(email);
    expect(email.to).toBe('ana@example.com');
    expect(email.subject).toBe('Payment refunded: Spanish conversation was fully booked');
    expect(email.text).toContain('arrived after the hold on your seat had expired');
    expect(email.text).toContain('the session filled up');
    expect(email.text).toContain('We have refunded ¥1,500 in full');
    expect(email.html).toContain('href="https://acme.booking.example/tomas-teacher/spanish"');
    expect(email.attachments).toBeUndefined();

    const pending = latePaymentRefundedEmail({
      tenant: confirmation.tenant,
      booking,
      refund: { amount: 2500, currency: 'USD', status: 'pending' },
    });
    expect(pending.text).toContain('We have started a full refund of $25.00');
  });
});
