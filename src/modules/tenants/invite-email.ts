import { greetingIn, readerTranslator } from '../../lib/i18n/reader.ts';

/**
 * The invitation to join a school's staff. The invitee has no account (or no language) with us
 * yet, so it is written in the school's default language (issue 18); English when absent.
 */
export function inviteEmail(input: {
  to: string;
  inviteeName: string | null;
  tenantName: string;
  inviterName: string;
  role: 'ADMIN' | 'MEMBER';
  link: string;
  expiresAt: Date;
  language?: string | null | undefined;
}) {
  const tr = readerTranslator(input.language);
  const school = input.tenantName;
  const role = tr.t(input.role === 'ADMIN' ? 'staffEmail.invite.roleAdmin' : 'staffEmail.invite.roleTeacher');
  // English keeps the date as it always was written; other languages write theirs (in UTC, named).
  const date = tr.locale === 'en' ? input.expiresAt.toUTCString() : tr.dateTime(input.expiresAt, 'UTC');
  const text = [
    greetingIn(tr, input.inviteeName ?? ''),
    '',
    tr.t('staffEmail.invite.body', { inviter: input.inviterName, school, role }),
    '',
    tr.t('staffEmail.invite.accept', { url: input.link }),
    '',
    tr.t('staffEmail.invite.expires', { date }),
    tr.t('staffEmail.invite.ignore'),
  ].join('\n');
  return { to: input.to, subject: tr.t('staffEmail.invite.subject', { school }), text, language: tr.locale };
}
