import { landingRouter } from '../modules/landing/landing.router.ts';
import { tenantRouter } from '../modules/tenants/tenants.router.ts';
import { viewerRouter } from '../modules/viewer/viewer.router.ts';
import { router } from './init.ts';

export const appRouter = router({
  viewer: viewerRouter,
  immersio: router({
    tenant: tenantRouter,
    landing: landingRouter,
  }),
});

export type AppRouter = typeof appRouter;
