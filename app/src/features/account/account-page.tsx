import { PageHeader } from '../../components/ui/states.tsx';
import { EmailForm } from './email-form.tsx';
import { NotificationsForm } from './notifications-form.tsx';
import { PasswordForm } from './password-form.tsx';
import { ProfileForm } from './profile-form.tsx';
import { SessionsList } from './sessions-list.tsx';

/**
 * /account: the signed-in person's own name, zone, e-mail, password, e-mails from the school
 * (the daily digest) and sessions (every role).
 */
export function AccountPage() {
  return (
    <>
      <PageHeader
        title="Your account"
        description="How you appear to students and colleagues, and how you sign in."
      />
      <div className="max-w-2xl space-y-10">
        <ProfileForm />
        <EmailForm />
        <PasswordForm />
        <NotificationsForm />
        <SessionsList />
      </div>
    </>
  );
}
