import { type ReactNode, useCallback, useSyncExternalStore } from 'react';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import type en from '../../../../src/lib/i18n/messages/en.json';
import { currentLanguage, subscribeLanguage } from './i18n-store.ts';

/** The messages the staff app may show: its own (`app.*`) and the error codes' (`error.*`). */
export type AppMessageKey = Extract<keyof typeof en, `app.${string}` | `error.${string}`>;

export type MessageValues = Record<string, string | number | Date>;

/**
 * The app in the chosen language (see i18n-store.ts). Keyed by the language so that a switch
 * re-renders every screen, including text formatted outside React's context (dates, money).
 */
export function I18nProvider(props: { children: ReactNode }) {
  const language = useSyncExternalStore(subscribeLanguage, currentLanguage);
  if (!language) return null;
  return (
    <IntlProvider
      key={language.locale}
      locale={language.intlLocale}
      defaultLocale="en"
      messages={language.messages}
    >
      {props.children}
    </IntlProvider>
  );
}

/** `t('app.nav.workshops')`: a message as plain text, for labels, attributes and toasts. */
export function useT(): (key: AppMessageKey, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback((key, values) => intl.formatMessage({ id: key }, values), [intl]);
}

/** A message with markup in it (`<b>…</b>` chunks or elements as values). */
export function Message(props: {
  id: AppMessageKey;
  values?: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;
}) {
  return <FormattedMessage id={props.id} values={props.values} />;
}

/** The current language's tag for Intl (dates, numbers) outside React. */
export function intlLocale(): string | undefined {
  return currentLanguage()?.intlLocale;
}
