import type { inferRouterOutputs } from '@trpc/server';
import type { AppMessageKey } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';

type PassOutputs = inferRouterOutputs<AppRouter>['immersio']['pass'];

/** A pass the school sells, with what was sold of it. */
export type PassItem = PassOutputs['list']['passes'][number];
/** A pass a student bought. */
export type Holder = PassOutputs['listHolders']['items'][number];
/** A line of a bought pass's history. */
export type HolderEntry = PassOutputs['getHolder']['history'][number];

export const HOLDER_STATE_LABELS: Record<Holder['state'], AppMessageKey> = {
  active: 'app.passes.state.active',
  pending: 'app.passes.state.pending',
  expired: 'app.passes.state.expired',
  unpaid: 'app.passes.state.unpaid',
};
