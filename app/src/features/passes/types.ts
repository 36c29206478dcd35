import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../trpc.ts';

type PassOutputs = inferRouterOutputs<AppRouter>['immersio']['pass'];

/** A pass the school sells, with what was sold of it. */
export type PassItem = PassOutputs['list']['passes'][number];
/** A pass a student bought. */
export type Holder = PassOutputs['listHolders']['items'][number];
/** A line of a bought pass's history. */
export type HolderEntry = PassOutputs['getHolder']['history'][number];

export const HOLDER_STATE_LABELS: Record<Holder['state'], string> = {
  active: 'Active',
  pending: 'Awaiting payment',
  expired: 'Expired',
  unpaid: 'Not paid',
};

export function classCount(n: number): string {
  return `${n} ${n === 1 ? 'class' : 'classes'}`;
}
