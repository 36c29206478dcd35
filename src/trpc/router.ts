import { tenantRouter } from '../modules/tenants/tenants.router.ts';
import { viewerRouter } from '../modules/viewer/viewer.router.ts';
import { router } from './init.ts';

export const appRouter = router({
  viewer: viewerRouter,
  immersio: router({
    tenant: tenantRouter,
  }),
});

export type AppRouter = typeof appRouter;
