import type { workshops } from '../../db/schema/index.ts';

type WorkshopRow = typeof workshops.$inferSelect;

export type ClassSettings = Pick<
  WorkshopRow,
  'waitlistEnabled' | 'waitlistOfferMinutes' | 'enrolment' | 'coursePriceCents'
>;

/**
 * The waitlist and enrolment settings a create or update names (undefined = left alone, null
 * clears the course price). The API says `coursePrice` as it says `price`; the row keeps cents.
 */
export function classSettingChanges(input: {
  waitlistEnabled?: boolean | undefined;
  waitlistOfferMinutes?: number | undefined;
  enrolment?: 'session' | 'course' | 'both' | undefined;
  coursePrice?: number | null | undefined;
}): Partial<ClassSettings> {
  const changes: Partial<ClassSettings> = {};
  if (input.waitlistEnabled !== undefined) changes.waitlistEnabled = input.waitlistEnabled;
  if (input.waitlistOfferMinutes !== undefined) changes.waitlistOfferMinutes = input.waitlistOfferMinutes;
  if (input.enrolment !== undefined) changes.enrolment = input.enrolment;
  if (input.coursePrice !== undefined) changes.coursePriceCents = input.coursePrice;
  return changes;
}
