import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../trpc.ts';
import type { Period } from './search.ts';

type TenantOutputs = inferRouterOutputs<AppRouter>['immersio']['tenant'];
export type Overview = TenantOutputs['getOverview'];
export type Stats = TenantOutputs['getStats'];
export type OverviewSession = Overview['upcoming']['today'][number];

export const PERIOD_LABELS: Record<Period, string> = {
  week: 'This week',
  month: 'This month',
  year: 'This year',
};
