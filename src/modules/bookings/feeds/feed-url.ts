import { AppError } from '../../../lib/errors.ts';
import type { Role } from '../../tenants/roles.ts';
import type { FeedScope } from './feed-token.ts';

/** The https URL of a feed (the staff app also shows it as `webcal://`). */
export function feedUrl(publicBaseUrl: string, token: string): string {
  return new URL(`/api/v1/calendar/${token}.ics`, publicBaseUrl).toString();
}

/** A teacher feed is anyone's own; the school-wide one is for admins. */
export function assertMayHaveFeed(scope: FeedScope, role: Role): void {
  if (scope === 'school' && role === 'MEMBER') {
    throw new AppError('FORBIDDEN', "Only the school's admins have the school-wide calendar feed");
  }
}
