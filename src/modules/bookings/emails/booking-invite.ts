import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { ENGLISH_TR } from './email-language.ts';
import type { BookingLocation, EmailBooking, EmailPerson, EmailTenant } from './email-types.ts';
import { buildIcs, type IcsInput, type IcsOccurrence } from './ics.ts';

// The calendar invite the student's booking e-mails carry (confirmation, series confirmation,
// rescheduled, cancelled): the school organises, the student attends, the workshop's place is the
// location (and the URL when online). A cancellation leaves the place out.

type EmailAttachment = NonNullable<EmailPayload['attachments']>[number];

export interface BookingInviteInput {
  method: IcsInput['method'];
  sequence: number;
  now: Date;
  tenant: EmailTenant;
  /** Its title is the summary, its student the attendee. */
  booking: EmailBooking;
  organizerEmail: string;
  location?: BookingLocation | undefined;
  /** One event per entry: the booking's own, or one per occurrence of a series. */
  events: IcsOccurrence[];
  /** The language of the descriptions we wrote (issue 18), tagged on DESCRIPTION unless English. */
  tr?: Translator | undefined;
}

/** `invite.ics` (METHOD:REQUEST) or `cancel.ics` (METHOD:CANCEL), its content type naming the method. */
export function bookingInvite(input: BookingInviteInput): EmailAttachment {
  const { method, tenant, booking, location, events } = input;
  const [first] = events;
  if (!first) throw new RangeError('A booking invite needs at least one event');
  const content = buildIcs({
    ...first,
    method,
    sequence: input.sequence,
    now: input.now,
    summary: booking.title,
    location: location?.value,
    url: location && location.type !== 'in_person' ? location.value : undefined,
    organizer: { name: tenant.name, email: input.organizerEmail },
    attendee: { name: booking.attendee.name, email: booking.attendee.email },
    occurrences: events,
    language: input.tr?.locale,
  });
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    content,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    encoding: 'utf8',
  };
}

/** The one event of a booking at its time: what it is, the way there, then `manageLine`. */
export function bookingEvent(
  source: {
    icsUid: string;
    booking: EmailBooking;
    teacher: EmailPerson;
    tenant: EmailTenant;
    location: BookingLocation;
  },
  manageLine: string,
  tr: Translator = ENGLISH_TR,
): IcsOccurrence {
  const { booking } = source;
  return {
    uid: source.icsUid,
    start: booking.startTime,
    end: booking.endTime,
    description: [
      inviteHeadline(booking.title, source.teacher, source.tenant, tr),
      inviteWhere(source.location, tr),
      manageLine,
    ].join('\n'),
  };
}

/**
 * One event per session of a series or a course, numbered (`…, session 2 of 5`): what it is, the
 * way there, then the session's `manageLine`.
 */
export function sessionEvents<S extends { startTime: Date; endTime: Date; icsUid: string }>(
  source: { booking: EmailBooking; teacher: EmailPerson; tenant: EmailTenant; location: BookingLocation },
  sessions: S[],
  manageLine: (session: S) => string,
  tr: Translator = ENGLISH_TR,
): IcsOccurrence[] {
  const headline = inviteHeadline(source.booking.title, source.teacher, source.tenant, tr);
  return sessions.map((session, i) => ({
    uid: session.icsUid,
    start: session.startTime,
    end: session.endTime,
    description: [
      tr.t('ics.sessionOf', { headline, number: i + 1, count: sessions.length }),
      inviteWhere(source.location, tr),
      manageLine(session),
    ].join('\n'),
  }));
}

/** The first line of an event's description: `<title> with <teacher> (<school>)`. */
export function inviteHeadline(
  title: string,
  teacher: EmailPerson,
  tenant: EmailTenant,
  tr: Translator = ENGLISH_TR,
): string {
  return tr.t('ics.headline', { title, teacher: teacher.name, school: tenant.name });
}

/** How to get there: the address in person, the link online. */
export function inviteWhere(location: BookingLocation, tr: Translator = ENGLISH_TR): string {
  return location.type === 'in_person'
    ? tr.t('ics.address', { address: location.value })
    : tr.t('ics.join', { url: location.value });
}
