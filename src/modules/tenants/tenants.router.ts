import { router } from '../../trpc/init.ts';
import { changeMemberRole } from './procedures/change-member-role.ts';
import { getOverview } from './procedures/get-overview.ts';
import { getPlanUsage } from './procedures/get-plan-usage.ts';
import { getStats } from './procedures/get-stats.ts';
import { getTenant } from './procedures/get-tenant.ts';
import { inviteTeacher } from './procedures/invite-teacher.ts';
import { listInvites } from './procedures/list-invites.ts';
import { listMembers } from './procedures/list-members.ts';
import { memberClasses } from './procedures/member-classes.ts';
import { removeMember } from './procedures/remove-member.ts';
import { resendInvite } from './procedures/resend-invite.ts';
import { revokeInvite } from './procedures/revoke-invite.ts';
import { transferOwnership } from './procedures/transfer-ownership.ts';
import { updateStripeCredentials } from './procedures/update-stripe-credentials.ts';

export const tenantRouter = router({
  get: getTenant,
  updateStripeCredentials,
  getStats,
  getOverview,
  inviteTeacher,
  listMembers,
  // The team and plan screens (issue 15).
  listInvites,
  resendInvite,
  revokeInvite,
  changeMemberRole,
  removeMember,
  transferOwnership,
  memberClasses,
  getPlanUsage,
});
