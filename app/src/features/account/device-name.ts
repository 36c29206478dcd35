import type { AppMessageKey, MessageValues } from '../../lib/i18n/i18n.tsx';

type Translate = (key: AppMessageKey, values?: MessageValues) => string;

/** "Chrome on Linux" from a user agent, roughly; "Unknown device" without one (API clients). */
export function deviceName(userAgent: string | null, t: Translate): string {
  if (!userAgent) return t('app.account.device.unknown');
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return t('app.account.device.browserOnSystem', { browser, system });
  return browser ?? system ?? userAgent.slice(0, 60);
}
