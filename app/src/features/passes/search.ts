import { optionalEnum, optionalInt, optionalString } from '../../lib/search.ts';

/** The filters of the students' passes (as immersio.pass.listHolders takes them). */
export const HOLDER_STATES = ['usable', 'used_up', 'expired', 'pending', 'unpaid'] as const;

export interface PassesSearch {
  /** Only the students' passes of this pass. */
  pass?: number | undefined;
  state?: (typeof HOLDER_STATES)[number] | undefined;
  /** Part of a student's name or e-mail. */
  q?: string | undefined;
}

export function passesSearch(raw: Record<string, unknown>): PassesSearch {
  return {
    pass: optionalInt(raw, 'pass'),
    state: optionalEnum(raw, 'state', HOLDER_STATES),
    q: optionalString(raw, 'q', 200),
  };
}
