import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { workshopBookingUrl } from '../../../lib/public-urls.ts';
import { manageUrl, type NotifyContext } from '../notifications.ts';
import { type EntryView, findEntry, type WaitlistStatus } from './waitlist.repo.ts';
import { isWaitlistToken } from './waitlist-token.ts';

// A waitlist entry as its student (and the staff) see it: the stored status, read as of now.

/** The entry a manage link points at; a wrong token looks exactly like a missing entry. */
export async function loadEntryForStudent(
  deps: { db: Executor; env: { APP_SECRET: string } },
  uid: string,
  token: string,
): Promise<EntryView> {
  const entry = await findEntry(deps.db, { uid });
  if (!entry || !isWaitlistToken(deps.env.APP_SECRET, uid, token)) {
    throw new AppError('NOT_FOUND', 'Waitlist entry not found');
  }
  return entry;
}

/**
 * The status as of `now`: an offer past its deadline has expired even before the sweeper ends its
 * hold, and a line whose session started (or was cancelled) is over.
 */
export function statusNow(entry: EntryView, now: Date): WaitlistStatus {
  if (entry.status === 'offered' && entry.offerExpiresAt && entry.offerExpiresAt <= now) return 'expired';
  if (entry.status === 'waiting' && (entry.sessionStatus !== 'scheduled' || entry.sessionStart <= now)) {
    return 'expired';
  }
  return entry.status;
}

/** The contract's `entry`: place in line while waiting, the offer's deadline once offered. */
export function publicEntry(entry: EntryView, now: Date) {
  const status = statusNow(entry, now);
  return {
    uid: entry.uid,
    status,
    position: status === 'waiting' ? entry.place : null,
    offerExpiresAt: entry.offerExpiresAt,
  };
}

/** What the manage page shows beside the entry. */
export function entryDetails(entry: EntryView, now: Date, env: NotifyContext['env']) {
  return {
    entry: publicEntry(entry, now),
    /** The booking an offer became, once claimed: its own manage link. */
    bookingUrl: entry.status === 'claimed' && entry.bookingUid ? manageUrl(env, entry.bookingUid) : null,
    attendee: { name: entry.name, email: entry.email, timeZone: entry.timeZone },
    session: { startTime: entry.sessionStart, endTime: entry.sessionEnd },
    workshop: {
      title: entry.workshopTitle,
      slug: entry.workshopSlug,
      teacherName: entry.teacherName,
      bookingUrl: workshopBookingUrl(env, entry.tenantSlug, entry.teacherName, entry.workshopSlug),
      price: entry.priceCents,
      currency: entry.currency,
    },
    tenant: { name: entry.tenantName, slug: entry.tenantSlug },
    /** Beyond the spec (issue 18): the language the student joined in, for their pages and e-mails. */
    language: entry.language,
  };
}

export type WaitlistEntryDetails = ReturnType<typeof entryDetails>;
