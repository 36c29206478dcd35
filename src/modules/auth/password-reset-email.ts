import { greetingIn, readerTranslator } from '../../lib/i18n/reader.ts';

/**
 * The reset e-mail; the link opens the staff app's reset page with the one-time token. Written in
 * the account's language (`users.language`, issue 18), English when absent.
 */
export function passwordResetEmail(input: {
  to: string;
  name: string;
  link: string;
  expiresInMinutes: number;
  language?: string | null | undefined;
}) {
  const tr = readerTranslator(input.language);
  const text = [
    greetingIn(tr, input.name),
    '',
    tr.t('staffEmail.account.reset.asked'),
    '',
    tr.t('staffEmail.account.reset.link', { url: input.link }),
    '',
    tr.t('staffEmail.account.reset.expires', { minutes: String(input.expiresInMinutes) }),
    tr.t('staffEmail.account.reset.ignore'),
  ].join('\n');
  return { to: input.to, subject: tr.t('staffEmail.account.reset.subject'), text, language: tr.locale };
}
