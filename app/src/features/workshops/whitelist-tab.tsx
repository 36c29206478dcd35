import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { EmptyState, ErrorState, Pagination, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { toastError, Unavailable } from './feedback.tsx';
import type { Workshop } from './types.ts';
import { WhitelistImport } from './whitelist-import.tsx';

const PAGE_SIZE = 50;

/** Who may book a whitelisted workshop: the entries (searchable, paged), removal and import. */
export function WhitelistTab({
  workshop,
  canEdit,
  canRead,
}: {
  workshop: Workshop;
  canEdit: boolean;
  canRead: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const search = useDebounced(text.trim(), 300);
  const entries = useQuery({
    ...trpc.immersio.workshop.getWhitelist.queryOptions({
      workshopId: workshop.id,
      page,
      limit: PAGE_SIZE,
      ...(search ? { search } : {}),
    }),
    enabled: canRead,
    placeholderData: keepPreviousData,
  });
  const update = useMutation(trpc.immersio.workshop.updateWhitelist.mutationOptions());

  if (!canRead) {
    return (
      <Unavailable title="Not available">
        Only the school’s admins and this workshop’s teacher see its whitelist.
      </Unavailable>
    );
  }

  const remove = async (email: string) => {
    try {
      await update.mutateAsync({ workshopId: workshop.id, mode: 'remove', emails: [{ email }] });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.getWhitelist.pathKey() });
      await queryClient.invalidateQueries({
        queryKey: trpc.immersio.workshop.get.queryKey({ workshopId: workshop.id }),
      });
      toast(`${email} removed from the whitelist`);
    } catch (error) {
      toastError(toast, 'Could not remove it', error);
    }
  };

  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm text-slate-700">
        {workshop.whitelistEnabled
          ? 'Only these emails can book this workshop.'
          : 'The whitelist is off: anyone can book. Admins turn it on in Details; the list is kept meanwhile.'}
      </p>
      <section aria-labelledby="whitelist-entries" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="whitelist-entries" className="text-lg font-semibold text-slate-900">
            On the list{entries.data ? ` (${entries.data.totalCount})` : ''}
          </h2>
          <TextField
            label="Search the list"
            type="search"
            value={text}
            fieldClassName="w-full sm:w-64"
            onChange={(event) => {
              setText(event.target.value);
              setPage(1);
            }}
          />
        </div>
        {entries.isPending ? (
          <Spinner label="Loading the whitelist…" />
        ) : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => entries.refetch()} />
        ) : entries.data.entries.length === 0 ? (
          <EmptyState title={search ? 'No match' : 'Nobody on the list yet'}>
            {search ? 'No email or name contains that.' : canEdit ? 'Import emails below.' : null}
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {entries.data.entries.map((entry) => (
                <li key={entry.email} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className="break-all font-medium text-slate-900">{entry.email}</p>
                    <p className="text-xs text-slate-600">
                      {[entry.name, entry.immersioStudentId ? `Immersio ${entry.immersioStudentId}` : null]
                        .filter(Boolean)
                        .join(' · ') || 'No name'}
                    </p>
                  </div>
                  {canEdit ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={update.isPending}
                      aria-label={`Remove ${entry.email}`}
                      onClick={() => remove(entry.email)}
                    >
                      Remove
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            <Pagination page={entries.data.page} totalPages={entries.data.totalPages} onPage={setPage} />
          </>
        )}
      </section>
      {canEdit ? <WhitelistImport workshopId={workshop.id} /> : null}
    </div>
  );
}
