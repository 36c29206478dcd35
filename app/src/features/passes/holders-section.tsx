import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { ShowMore } from '../../components/ui/show-more.tsx';
import { Badge, EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { HOLDER_STATES, type PassesSearch } from './search.ts';
import { HOLDER_STATE_LABELS, type Holder, type PassItem } from './types.ts';

const PAGE = 50;

const FILTER_LABELS: Record<(typeof HOLDER_STATES)[number], string> = {
  usable: 'Usable (classes left)',
  used_up: 'Used up',
  expired: 'Expired',
  pending: 'Awaiting payment',
  unpaid: 'Not paid',
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
        Students’ passes
      </h2>
      <search className="mb-4 grid gap-3 sm:grid-cols-3" aria-label="Filter students’ passes">
        <TextField
          label="Search students"
          type="search"
          placeholder="Name or e-mail"
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={200}
        />
        <SelectField
          label="Pass"
          value={search.pass ? String(search.pass) : ''}
          onChange={(event) =>
            onSearch({ pass: event.target.value ? Number(event.target.value) : undefined })
          }
        >
          <option value="">All passes</option>
          {passes.map((pass) => (
            <option key={pass.id} value={String(pass.id)}>
              {pass.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="State"
          value={search.state ?? ''}
          onChange={(event) => onSearch({ state: HOLDER_STATES.find((s) => s === event.target.value) })}
        >
          <option value="">All states</option>
          {HOLDER_STATES.map((state) => (
            <option key={state} value={state}>
              {FILTER_LABELS[state]}
            </option>
          ))}
        </SelectField>
      </search>
      {list.isPending ? (
        <Spinner label="Loading students’ passes…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : holders.length === 0 ? (
        <EmptyState
          title={search.pass || search.state || search.q ? 'No passes match' : 'No passes sold yet'}
        >
          {search.pass || search.state || search.q
            ? 'Try other filters.'
            : 'Passes students buy on your passes page are listed here with what is left on them.'}
        </EmptyState>
      ) : (
        <>
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Passes students bought, newest first</caption>
              <TableHead
                columns={[
                  'Student',
                  'Pass',
                  { label: 'Classes left', alignRight: true },
                  'Use by',
                  'State',
                  { label: 'Actions', hidden: true },
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
                      {holder.creditsRemaining} of {holder.classes}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                      {holder.expiresAt ? formatDate(holder.expiresAt, timeZone) : '—'}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={STATE_TONES[holder.state]}>{HOLDER_STATE_LABELS[holder.state]}</Badge>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="secondary"
                          size="sm"
                          aria-label={`History of ${holder.buyer.name}’s ${holder.name}`}
                          onClick={() => onHistory(holder)}
                        >
                          History
                        </Button>
                        {canManage && holder.state !== 'pending' && holder.state !== 'unpaid' ? (
                          <Button
                            variant="secondary"
                            size="sm"
                            aria-label={`Change ${holder.buyer.name}’s classes`}
                            onClick={() => onAdjust(holder)}
                          >
                            Change classes
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
