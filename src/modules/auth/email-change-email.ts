import { greetingIn, readerTranslator } from '../../lib/i18n/reader.ts';

// The account's own e-mails about its address, in the account's language (`users.language`,
// issue 18), English when absent.

/** The link to the new address: the change happens only when it is followed. */
export function emailChangeVerificationEmail(input: {
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
    tr.t('staffEmail.account.change.asked', { email: input.to }),
    '',
    tr.t('staffEmail.account.change.link', { url: input.link }),
    '',
    tr.t('staffEmail.account.change.expires', { minutes: String(input.expiresInMinutes) }),
    tr.t('staffEmail.account.change.ignore'),
  ].join('\n');
  return { to: input.to, subject: tr.t('staffEmail.account.change.subject'), text, language: tr.locale };
}

/**
 * Sent to the old address once the change is made, so that a change the owner did not make does
 * not go unnoticed. The new address is not named: the old mailbox may no longer be the person's.
 */
export function emailChangedNoticeEmail(input: {
  to: string;
  name: string;
  language?: string | null | undefined;
}) {
  const tr = readerTranslator(input.language);
  const text = [
    greetingIn(tr, input.name),
    '',
    tr.t('staffEmail.account.changed.body', { email: input.to }),
    '',
    tr.t('staffEmail.account.changed.warn'),
  ].join('\n');
  return { to: input.to, subject: tr.t('staffEmail.account.changed.subject'), text, language: tr.locale };
}
