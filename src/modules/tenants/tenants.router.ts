import { router } from '../../trpc/init.ts';
import { getStats } from './procedures/get-stats.ts';
import { getTenant } from './procedures/get-tenant.ts';
import { inviteTeacher } from './procedures/invite-teacher.ts';
import { updateStripeCredentials } from './procedures/update-stripe-credentials.ts';

export const tenantRouter = router({
  get: getTenant,
  updateStripeCredentials,
  getStats,
  inviteTeacher,
});
