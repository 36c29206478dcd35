import { router } from '../../trpc/init.ts';

// immersio.integration.* (spec section 1.3) and the webhook administration beyond the spec.
export const integrationRouter = router({});
