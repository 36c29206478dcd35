import { PageHeader } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
  return (
    <>
      <PageHeader title={t('app.account.page.title')} description={t('app.account.page.description')} />
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
