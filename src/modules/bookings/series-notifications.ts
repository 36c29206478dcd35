import { seriesConfirmationEmail } from './emails/series-confirmation-email.ts';
import {
  emailBooking,
  icsUid,
  manageUrl,
  type NotifiedBooking,
  type NotifyContext,
  organizerEmail,
  revealedLocation,
} from './notifications.ts';
import { schoolMessage } from './school-message.ts';

/** The student's one confirmation of a recurring series: every live session, first first. */
export function seriesConfirmation(ctx: NotifyContext, sessions: [NotifiedBooking, ...NotifiedBooking[]]) {
  const { env, workshop } = ctx;
  const [first] = sessions;
  const price = { amount: first.amountCents, currency: first.currency };
  return seriesConfirmationEmail({
    tenant: { name: ctx.tenant.name },
    booking: emailBooking(first),
    location: revealedLocation(workshop.locations, first.language),
    teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
    sessions: sessions.map((s) => ({
      uid: s.uid,
      startTime: s.startTime,
      endTime: s.endTime,
      manageUrl: manageUrl(env, s.uid),
      icsUid: icsUid(env, s.uid),
    })),
    payment: first.paid ? { amount: price.amount * sessions.length, currency: price.currency } : null,
    sessionPrice: first.paid ? price : null,
    policy: {
      cancellationNoticeHours: workshop.cancellationNoticeHours,
      refundWindowHours: workshop.refundWindowHours,
    },
    organizerEmail: organizerEmail(env),
    now: ctx.now,
    schoolMessage: schoolMessage(ctx.tenant, workshop),
  });
}
