import type { Env } from '../../env.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import { buildIcs } from '../bookings/emails/ics.ts';

/** What the calendar file needs of the booking as its student sees it (bookings.getForStudent). */
export interface CalendarBooking {
  booking: {
    uid: string;
    status: string;
    title: string;
    startTime: Date;
    endTime: Date;
    attendee: { name: string; email: string };
    /** Raised by every move, so a calendar takes the file as the newer version. */
    icsSequence?: number | undefined;
  };
  tenant: { name: string };
  workshop: { slug: string; teacher: { name: string }; location: { type: string; value: string } };
}

/**
 * The "Add to calendar" file of a live booking: the same event as the confirmation e-mail's
 * invite (same UID, so importing both gives one event; UTC times), with the place as the manage
 * page shows it (the link or address once confirmed, the kind of place while a payment is awaited).
 */
export function bookingCalendar(
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'MAIL_FROM'>,
  view: CalendarBooking,
  manageUrl: string,
  now: Date,
  /** The student's language (issue 18): the event's description is written in it. */
  tr: Translator = translator(),
): { filename: string; body: string } {
  const { booking, tenant, workshop } = view;
  const confirmed = booking.status === 'accepted';
  const place = workshop.location.value;
  const online = workshop.location.type !== 'in_person';
  const description = [
    tr.t('manage.ics.with', { title: booking.title, teacher: workshop.teacher.name, school: tenant.name }),
    confirmed
      ? place && tr.t(online ? 'manage.ics.join' : 'manage.ics.address', { place })
      : tr.t('manage.ics.awaiting'),
    tr.t('manage.ics.manage', { url: manageUrl }),
  ].filter(Boolean);
  const body = buildIcs({
    method: 'REQUEST',
    uid: `${booking.uid}@${new URL(env.PUBLIC_BASE_URL).hostname}`,
    sequence: booking.icsSequence ?? 0,
    now,
    start: booking.startTime,
    end: booking.endTime,
    summary: booking.title,
    description: description.join('\n'),
    location: place || undefined,
    url: confirmed && online && /^https?:\/\//i.test(place) ? place : undefined,
    organizer: { name: tenant.name, email: /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM },
    attendee: { name: booking.attendee.name, email: booking.attendee.email },
  });
  const filename = `${workshop.slug.replace(/[^a-z0-9-]/gi, '') || 'booking'}.ics`;
  return { filename, body };
}
