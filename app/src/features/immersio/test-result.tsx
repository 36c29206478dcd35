import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { ConnectResult } from './types.ts';

/** What the connection test said: the organisation and its courses, or why the key was refused. */
export function TestResult({ result }: { result: ConnectResult }) {
  const t = useT();
  const errorText = useErrorText();
  const { testResult } = result;
  if (result.success && testResult.connectionValid) {
    const { orgName, courseCount } = testResult;
    const connected =
      orgName === undefined
        ? courseCount === undefined
          ? t('app.immersio.test.connectedUnnamedNoCount')
          : t('app.immersio.test.connectedUnnamed', { count: courseCount })
        : courseCount === undefined
          ? t('app.immersio.test.connectedNoCount', { org: orgName })
          : t('app.immersio.test.connected', { org: orgName, count: courseCount });
    return (
      <div
        role="status"
        className="mt-4 rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900"
      >
        <p className="font-semibold">{t('app.immersio.test.passed')}</p>
        <p className="mt-1">{connected}</p>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <p className="font-semibold">{t('app.immersio.test.failed')}</p>
      <p className="mt-1 break-words">
        {/* The server's reason is in English: other languages get the general one. */}
        {errorText(testResult.error ? new Error(testResult.error) : undefined, 'app.immersio.test.refused')}
      </p>
    </div>
  );
}
