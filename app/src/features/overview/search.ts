import { optionalEnum } from '../../lib/search.ts';

export const PERIODS = ['week', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export function overviewSearch(raw: Record<string, unknown>): { period?: Period | undefined } {
  return { period: optionalEnum(raw, 'period', PERIODS) };
}
