import type { inferRouterOutputs } from '@trpc/server';
import type { AppMessageKey } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';
import type { Period } from './search.ts';

type TenantOutputs = inferRouterOutputs<AppRouter>['immersio']['tenant'];
export type Overview = TenantOutputs['getOverview'];
export type Stats = TenantOutputs['getStats'];
export type OverviewSession = Overview['upcoming']['today'][number];

export const PERIOD_LABELS: Record<Period, AppMessageKey> = {
  week: 'app.overview.period.week',
  month: 'app.overview.period.month',
  year: 'app.overview.period.year',
};
