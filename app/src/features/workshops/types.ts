import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../trpc.ts';

type Outputs = inferRouterOutputs<AppRouter>['immersio']['workshop'];

/** A workshop as `immersio.workshop.get` answers it (staff view: every session, meeting links). */
export type Workshop = Outputs['get'];
