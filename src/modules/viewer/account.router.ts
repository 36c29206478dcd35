import { router } from '../../trpc/init.ts';
import { changeEmail } from './procedures/change-email.ts';
import { changePassword } from './procedures/change-password.ts';
import { getNotifications } from './procedures/get-notifications.ts';
import { listSessions } from './procedures/list-sessions.ts';
import { revokeOtherSessions } from './procedures/revoke-other-sessions.ts';
import { revokeSession } from './procedures/revoke-session.ts';
import { updateNotifications } from './procedures/update-notifications.ts';
import { updateProfile } from './procedures/update-profile.ts';

/**
 * immersio.account.*: the signed-in person's name, zone, password and sessions (issue 15), and
 * their e-mail settings in the current school (issue 17).
 */
export const accountRouter = router({
  updateProfile,
  changePassword,
  changeEmail,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  getNotifications,
  updateNotifications,
});
