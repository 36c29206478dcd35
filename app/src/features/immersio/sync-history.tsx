import { Badge, EmptyState } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { TableScroller } from './table-scroller.tsx';
import type { SyncLog } from './types.ts';

const TYPES: Record<string, AppMessageKey> = {
  courses: 'app.immersio.history.typeCourses',
  students: 'app.immersio.history.typeStudents',
};

function StatusBadge({ log }: { log: SyncLog }) {
  const t = useT();
  if (log.status === 'running') return <Badge tone="blue">{t('app.immersio.history.running')}</Badge>;
  if (log.status === 'failed') return <Badge tone="red">{t('app.immersio.history.failed')}</Badge>;
  if (log.recordsFailed > 0) {
    return <Badge tone="amber">{t('app.immersio.history.completedWithErrors')}</Badge>;
  }
  return <Badge tone="green">{t('app.immersio.history.completed')}</Badge>;
}

/** errorDetails as the server stores it: `{error?, courses?: [{courseId, error}], courseId?}`. */
function ErrorSummary({ details }: { details: unknown }) {
  const t = useT();
  if (details === null || typeof details !== 'object') return null;
  const { error, courses } = details as { error?: unknown; courses?: unknown };
  const failedCourses = Array.isArray(courses)
    ? (courses as Array<{ courseId?: unknown; error?: unknown }>)
    : [];
  return (
    <div className="space-y-1 text-xs text-red-900">
      {typeof error === 'string' ? <p className="break-words">{error}</p> : null}
      {failedCourses.length > 0 ? (
        <ul className="list-inside list-disc">
          {failedCourses.slice(0, 5).map((c) => (
            <li key={String(c.courseId)} className="break-words">
              {String(c.courseId)}: {String(c.error)}
            </li>
          ))}
          {failedCourses.length > 5 ? (
            <li>{t('app.immersio.history.more', { count: failedCourses.length - 5 })}</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

/** The last syncs, newest first: what ran, how it ended, how many records, and why it failed. */
export function SyncHistory({ logs, timeZone }: { logs: SyncLog[]; timeZone: string }) {
  const t = useT();
  if (logs.length === 0) {
    return (
      <EmptyState title={t('app.immersio.history.emptyTitle')}>{t('app.immersio.syncNowHint')}</EmptyState>
    );
  }
  return (
    <TableScroller label={t('app.immersio.history.table')}>
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{t('app.immersio.history.caption')}</caption>
        <TableHead
          columns={[
            t('app.immersio.history.columnStarted'),
            t('app.immersio.history.columnType'),
            t('app.immersio.column.status'),
            { label: t('app.immersio.history.columnRecords'), alignRight: true },
            t('app.immersio.history.columnFinished'),
            t('app.immersio.history.columnErrors'),
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {logs.map((log) => {
            const type = TYPES[log.syncType];
            return (
              <tr key={log.id}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {formatDateTime(log.startedAt, timeZone)}
                </td>
                <td className="px-3 py-2 text-slate-900">
                  {type ? t(type) : log.syncType}
                  <span className="sr-only">
                    {' '}
                    {t('app.immersio.history.direction', { direction: log.direction })}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge log={log} />
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-900">
                  {log.recordsProcessed}
                  {log.recordsFailed > 0 ? (
                    <span className="text-red-800">
                      {' '}
                      {t('app.immersio.history.failedCount', { count: log.recordsFailed })}
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {log.completedAt ? formatDateTime(log.completedAt, timeZone) : '—'}
                </td>
                <td className="max-w-xs px-3 py-2">
                  {log.errorDetails ? <ErrorSummary details={log.errorDetails} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroller>
  );
}
