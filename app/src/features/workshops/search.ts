import { optionalEnum, optionalInt, optionalString } from '../../lib/search.ts';

export const WORKSHOP_STATUSES = ['active', 'draft', 'archived'] as const;

export interface WorkshopsSearch {
  status?: (typeof WORKSHOP_STATUSES)[number] | undefined;
  teacherId?: number | undefined;
  immersioCourseId?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  /** A teacher (MEMBER) sees their own classes unless they ask for everyone's. */
  allTeachers?: true | undefined;
}

export function workshopsSearch(raw: Record<string, unknown>): WorkshopsSearch {
  return {
    status: optionalEnum(raw, 'status', WORKSHOP_STATUSES),
    teacherId: optionalInt(raw, 'teacherId'),
    immersioCourseId: optionalString(raw, 'immersioCourseId'),
    q: optionalString(raw, 'q', 100),
    page: optionalInt(raw, 'page', 1, 100_000),
    allTeachers: raw.allTeachers === true || raw.allTeachers === 'true' ? true : undefined,
  };
}

export const WORKSHOP_TABS = ['details', 'sessions', 'whitelist', 'bookings', 'enrolments'] as const;

export function workshopSearch(raw: Record<string, unknown>): {
  tab?: (typeof WORKSHOP_TABS)[number] | undefined;
} {
  return { tab: optionalEnum(raw, 'tab', WORKSHOP_TABS) };
}
