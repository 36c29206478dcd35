import { useInfiniteQuery } from '@tanstack/react-query';
import type { PaymentActivity } from '../../../../src/modules/bookings/payments/procedures/list-recent-payments.schema.ts';
import { ShowMore } from '../../components/ui/show-more.tsx';
import { Badge, EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';

const PAGE = 20;

const REASONS: Record<string, string> = {
  student_cancelled: 'Cancelled by the student',
  staff_cancelled: 'Cancelled by staff',
  session_cancelled: 'Class cancelled',
  admin: 'Refunded by staff',
  late_payment: 'Paid after the hold ended',
  enrolment_cancelled: 'Course enrolment cancelled',
};

const TYPES: Record<PaymentActivity['kind'], string> = {
  payment: 'Payment',
  refund: 'Refund',
  pass: 'Class pass',
};

function StatusBadge({ item }: { item: PaymentActivity }) {
  if (item.status === 'failed') return <Badge tone="red">Failed</Badge>;
  if (item.status === 'pending') return <Badge tone="amber">Pending</Badge>;
  if (item.kind === 'payment' && item.refundedCents >= item.amountCents) return <Badge>Refunded</Badge>;
  if (item.kind === 'payment' && item.refundedCents > 0) return <Badge tone="blue">Partly refunded</Badge>;
  return <Badge tone="green">Succeeded</Badge>;
}

/** The school's recent payments and refunds with their states, newest first, more on demand. */
export function RecentPayments({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.immersio.payments.listRecent.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title" className="mb-3 text-lg font-semibold text-slate-900">
        Recent payments and refunds
      </h2>
      {list.isPending ? (
        <Spinner label="Loading payments…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.pages[0]?.items.length === 0 ? (
        <EmptyState title="No payments yet">
          Paid bookings, class passes sold and refunds will be listed here.
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Payments and refunds, newest first</caption>
              <TableHead columns={['Date', 'Type', 'For', 'Status', { label: 'Amount', alignRight: true }]} />
              <tbody className="divide-y divide-slate-100">
                {list.data.pages.flatMap((page) =>
                  page.items.map((item) => (
                    <tr key={`${item.kind}-${item.id}`}>
                      <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                        {formatDateTime(item.at, timeZone)}
                      </td>
                      <td className="px-3 py-2">
                        {TYPES[item.kind]}
                        {item.kind === 'refund' && item.reason ? (
                          <span className="block text-xs text-slate-600">
                            {REASONS[item.reason] ?? item.reason}
                          </span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2">
                        <span className="block font-medium text-slate-900">{item.title}</span>
                        <span className="block text-xs text-slate-600">
                          {item.attendeeName} · {item.attendeeEmail}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <StatusBadge item={item} />
                        {item.failureMessage ? (
                          <span className="block text-xs text-slate-600">{item.failureMessage}</span>
                        ) : null}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                        {item.kind === 'refund' ? '−' : ''}
                        {formatMoney(item.amountCents, item.currency)}
                        {item.feeCents > 0 ? (
                          <span className="block text-xs text-slate-600">
                            fee {formatMoney(item.feeCents, item.currency)}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <ShowMore list={list} label="Show older" size="sm" />
        </>
      )}
    </section>
  );
}
