import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { ShowMore } from '../../components/ui/show-more.tsx';
import { Badge, EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDate } from '../../lib/format.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { HOLDER_STATES, type PassesSearch } from './search.ts';
import { HOLDER_STATE_LABELS, type Holder, type PassItem } from './types.ts';

const PAGE = 50;

const FILTER_LABELS: Record<(typeof HOLDER_STATES)[number], AppMessageKey> = {
  usable: 'app.passes.filter.usable',
  used_up: 'app.passes.filter.usedUp',
  expired: 'app.passes.state.expired',
  pending: 'app.passes.state.pending',
  unpaid: 'app.passes.state.unpaid',
};

const STATE_TONES = { active: 'green', pending: 'amber', expired: 'slate', unpaid: 'red' } as const;

/**
 * The passes students bought: filtered by pass, state and name or e-mail (in the URL), newest
 * first, more on demand; each with its history, and for OWNER/ADMIN a way to change its classes.
 */
export function HoldersSection({
  passes,
  search,
  onSearch,
  canManage,
  timeZone,
  onHistory,
  onAdjust,
}: {
  passes: PassItem[];
  search: PassesSearch;
  onSearch: (changes: Partial<PassesSearch>) => void;
  canManage: boolean;
  timeZone: string;
  onHistory: (holder: Holder) => void;
  onAdjust: (holder: Holder) => void;
}) {
  const trpc = useTRPC();
  const t = useT();
  const [text, setText] = useState(search.q ?? '');
  const settled = useDebounced(text, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled change of the box counts
  useEffect(() => {
    if ((settled.trim() || undefined) !== search.q) onSearch({ q: settled.trim() || undefined });
  }, [settled]);
  const list = useInfiniteQuery({
    ...trpc.immersio.pass.listHolders.infiniteQueryOptions(
      {
        limit: PAGE,
        ...(search.pass ? { passId: search.pass } : {}),
        ...(search.state ? { state: search.state } : {}),
        ...(search.q ? { search: search.q } : {}),
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const holders = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="holders-title" className="mt-10">
      <h2 id="holders-title" className="mb-3 text-lg font-semibold text-slate-900">
        {t('app.passes.holders.title')}
      </h2>
      <search className="mb-4 grid gap-3 sm:grid-cols-3" aria-label={t('app.passes.holders.filterLabel')}>
        <TextField
          label={t('app.passes.holders.search')}
          type="search"
          placeholder={t('app.passes.holders.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={200}
        />
        <SelectField
          label={t('app.passes.holders.pass')}
          value={search.pass ? String(search.pass) : ''}
          onChange={(event) =>
            onSearch({ pass: event.target.value ? Number(event.target.value) : undefined })
          }
        >
          <option value="">{t('app.passes.holders.allPasses')}</option>
          {passes.map((pass) => (
            <option key={pass.id} value={String(pass.id)}>
              {pass.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('app.passes.holders.state')}
          value={search.state ?? ''}
          onChange={(event) => onSearch({ state: HOLDER_STATES.find((s) => s === event.target.value) })}
        >
          <option value="">{t('app.passes.holders.allStates')}</option>
          {HOLDER_STATES.map((state) => (
            <option key={state} value={state}>
              {t(FILTER_LABELS[state])}
            </option>
          ))}
        </SelectField>
      </search>
      {list.isPending ? (
        <Spinner label={t('app.passes.holders.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : holders.length === 0 ? (
        <EmptyState
          title={t(
            search.pass || search.state || search.q
              ? 'app.passes.holders.noMatchTitle'
              : 'app.passes.holders.emptyTitle',
          )}
        >
          {t(
            search.pass || search.state || search.q
              ? 'app.passes.holders.noMatchBody'
              : 'app.passes.holders.emptyBody',
          )}
        </EmptyState>
      ) : (
        <>
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t('app.passes.holders.caption')}</caption>
              <TableHead
                columns={[
                  t('app.passes.holders.student'),
                  t('app.passes.holders.pass'),
                  { label: t('app.passes.holders.classesLeft'), alignRight: true },
                  t('app.passes.holders.useBy'),
                  t('app.passes.holders.state'),
                  { label: t('app.passes.actions'), hidden: true },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {holders.map((holder) => (
                  <tr key={holder.id}>
                    <th
                      scope="row"
                      className="max-w-64 break-words px-3 py-2 text-left font-medium text-slate-900"
                    >
                      {holder.buyer.name}
                      <span className="block text-xs font-normal text-slate-600">{holder.buyer.email}</span>
                    </th>
                    <td className="px-3 py-2 text-slate-700">{holder.name}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {t('app.passes.holders.left', { left: holder.creditsRemaining, total: holder.classes })}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                      {holder.expiresAt ? formatDate(holder.expiresAt, timeZone) : '—'}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={STATE_TONES[holder.state]}>{t(HOLDER_STATE_LABELS[holder.state])}</Badge>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="secondary"
                          size="sm"
                          aria-label={t('app.passes.holders.historyOf', {
                            name: holder.buyer.name,
                            pass: holder.name,
                          })}
                          onClick={() => onHistory(holder)}
                        >
                          {t('app.passes.holders.history')}
                        </Button>
                        {canManage && holder.state !== 'pending' && holder.state !== 'unpaid' ? (
                          <Button
                            variant="secondary"
                            size="sm"
                            aria-label={t('app.passes.adjust.title', { name: holder.buyer.name })}
                            onClick={() => onAdjust(holder)}
                          >
                            {t('app.passes.holders.changeClasses')}
                          </Button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ShowMore list={list} size="sm" />
        </>
      )}
    </section>
  );
}
