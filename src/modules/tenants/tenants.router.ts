import { router } from '../../trpc/init.ts';
import { getOverview } from './procedures/get-overview.ts';
import { getStats } from './procedures/get-stats.ts';
import { getTenant } from './procedures/get-tenant.ts';
import { inviteTeacher } from './procedures/invite-teacher.ts';
import { listMembers } from './procedures/list-members.ts';
import { updateStripeCredentials } from './procedures/update-stripe-credentials.ts';

export const tenantRouter = router({
  get: getTenant,
  updateStripeCredentials,
  getStats,
  getOverview,
  inviteTeacher,
  listMembers,
});
