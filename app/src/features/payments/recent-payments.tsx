import { useInfiniteQuery } from '@tanstack/react-query';
import type { PaymentActivity } from '../../../../src/modules/bookings/payments/procedures/list-recent-payments.schema.ts';
import { ShowMore } from '../../components/ui/show-more.tsx';
import { Badge, EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';

const PAGE = 20;

const REASONS: Record<string, AppMessageKey> = {
  student_cancelled: 'app.payments.recent.reason.studentCancelled',
  staff_cancelled: 'app.payments.recent.reason.staffCancelled',
  session_cancelled: 'app.payments.recent.reason.sessionCancelled',
  admin: 'app.payments.recent.reason.admin',
  late_payment: 'app.payments.recent.reason.latePayment',
  enrolment_cancelled: 'app.payments.recent.reason.enrolmentCancelled',
};

const TYPES: Record<PaymentActivity['kind'], AppMessageKey> = {
  payment: 'app.payments.recent.type.payment',
  refund: 'app.payments.recent.type.refund',
  pass: 'app.payments.recent.type.pass',
};

function StatusBadge({ item }: { item: PaymentActivity }) {
  const t = useT();
  if (item.status === 'failed') return <Badge tone="red">{t('app.payments.recent.status.failed')}</Badge>;
  if (item.status === 'pending') return <Badge tone="amber">{t('app.payments.recent.status.pending')}</Badge>;
  if (item.kind === 'payment' && item.refundedCents >= item.amountCents) {
    return <Badge>{t('app.payments.recent.status.refunded')}</Badge>;
  }
  if (item.kind === 'payment' && item.refundedCents > 0) {
    return <Badge tone="blue">{t('app.payments.recent.status.partlyRefunded')}</Badge>;
  }
  return <Badge tone="green">{t('app.payments.recent.status.succeeded')}</Badge>;
}

function reasonText(reason: string, t: (key: AppMessageKey) => string): string {
  const key = REASONS[reason];
  return key ? t(key) : reason;
}

/** The school's recent payments and refunds with their states, newest first, more on demand. */
export function RecentPayments({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const t = useT();
  const list = useInfiniteQuery(
    trpc.immersio.payments.listRecent.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title" className="mb-3 text-lg font-semibold text-slate-900">
        {t('app.payments.recent.title')}
      </h2>
      {list.isPending ? (
        <Spinner label={t('app.payments.recent.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.pages[0]?.items.length === 0 ? (
        <EmptyState title={t('app.payments.recent.emptyTitle')}>
          {t('app.payments.recent.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t('app.payments.recent.caption')}</caption>
              <TableHead
                columns={[
                  t('app.payments.recent.colDate'),
                  t('app.payments.recent.colType'),
                  t('app.payments.recent.colFor'),
                  t('app.payments.recent.colStatus'),
                  { label: t('app.payments.recent.colAmount'), alignRight: true },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {list.data.pages.flatMap((page) =>
                  page.items.map((item) => (
                    <tr key={`${item.kind}-${item.id}`}>
                      <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                        {formatDateTime(item.at, timeZone)}
                      </td>
                      <td className="px-3 py-2">
                        {t(TYPES[item.kind])}
                        {item.kind === 'refund' && item.reason ? (
                          <span className="block text-xs text-slate-600">{reasonText(item.reason, t)}</span>
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
                            {t('app.payments.recent.fee', {
                              amount: formatMoney(item.feeCents, item.currency),
                            })}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <ShowMore list={list} label={t('app.payments.recent.showOlder')} size="sm" />
        </>
      )}
    </section>
  );
}
