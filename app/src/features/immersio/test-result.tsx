import type { ConnectResult } from './types.ts';

/** What the connection test said: the organisation and its courses, or why the key was refused. */
export function TestResult({ result }: { result: ConnectResult }) {
  const { testResult } = result;
  if (result.success && testResult.connectionValid) {
    return (
      <div
        role="status"
        className="mt-4 rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900"
      >
        <p className="font-semibold">Connection test passed</p>
        <p className="mt-1">
          Connected to {testResult.orgName ?? 'the organisation'}
          {testResult.courseCount !== undefined
            ? `, which has ${testResult.courseCount} ${testResult.courseCount === 1 ? 'course' : 'courses'}`
            : ''}
          . Sync now to bring its courses here.
        </p>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <p className="font-semibold">Connection test failed: nothing was saved</p>
      <p className="mt-1 break-words">{testResult.error ?? 'Immersio refused the key.'}</p>
    </div>
  );
}
