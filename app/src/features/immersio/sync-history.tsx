import { Badge, EmptyState } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { TableScroller } from './table-scroller.tsx';
import type { SyncLog } from './types.ts';

const TYPES: Record<string, string> = { courses: 'Courses', students: 'Students' };

function StatusBadge({ log }: { log: SyncLog }) {
  if (log.status === 'running') return <Badge tone="blue">Running</Badge>;
  if (log.status === 'failed') return <Badge tone="red">Failed</Badge>;
  if (log.recordsFailed > 0) return <Badge tone="amber">Completed with errors</Badge>;
  return <Badge tone="green">Completed</Badge>;
}

/** errorDetails as the server stores it: `{error?, courses?: [{courseId, error}], courseId?}`. */
function ErrorSummary({ details }: { details: unknown }) {
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
          {failedCourses.length > 5 ? <li>and {failedCourses.length - 5} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/** The last syncs, newest first: what ran, how it ended, how many records, and why it failed. */
export function SyncHistory({ logs, timeZone }: { logs: SyncLog[]; timeZone: string }) {
  if (logs.length === 0) {
    return <EmptyState title="No syncs yet">Sync now to bring your Immersio courses here.</EmptyState>;
  }
  return (
    <TableScroller label="Sync history table">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Sync history, newest first</caption>
        <TableHead
          columns={[
            'Started',
            'Type',
            'Status',
            { label: 'Records', alignRight: true },
            'Finished',
            'Errors',
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {logs.map((log) => (
            <tr key={log.id}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                {formatDateTime(log.startedAt, timeZone)}
              </td>
              <td className="px-3 py-2 text-slate-900">
                {TYPES[log.syncType] ?? log.syncType}
                <span className="sr-only"> ({log.direction})</span>
              </td>
              <td className="px-3 py-2">
                <StatusBadge log={log} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-900">
                {log.recordsProcessed}
                {log.recordsFailed > 0 ? (
                  <span className="text-red-800"> ({log.recordsFailed} failed)</span>
                ) : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                {log.completedAt ? formatDateTime(log.completedAt, timeZone) : '—'}
              </td>
              <td className="max-w-xs px-3 py-2">
                {log.errorDetails ? <ErrorSummary details={log.errorDetails} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
