import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { EmptyState, ErrorState, Pagination, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { Unavailable, useToastError } from './feedback.tsx';
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
  const toastError = useToastError();
  const t = useT();
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
      <Unavailable title={t('app.workshops.unavailable.title')}>
        {t('app.workshops.whitelist.unavailableBody')}
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
      toast(t('app.workshops.whitelist.removed', { email }));
    } catch (error) {
      toastError('app.workshops.whitelist.removeFailed', error);
    }
  };

  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm text-slate-700">
        {workshop.whitelistEnabled ? t('app.workshops.whitelist.on') : t('app.workshops.whitelist.off')}
      </p>
      <section aria-labelledby="whitelist-entries" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="whitelist-entries" className="text-lg font-semibold text-slate-900">
            {entries.data
              ? t('app.workshops.whitelist.headingCount', { count: entries.data.totalCount })
              : t('app.workshops.whitelist.heading')}
          </h2>
          <TextField
            label={t('app.workshops.whitelist.search')}
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
          <Spinner label={t('app.workshops.whitelist.loading')} />
        ) : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => entries.refetch()} />
        ) : entries.data.entries.length === 0 ? (
          <EmptyState title={t(search ? 'app.workshops.whitelist.noMatch' : 'app.workshops.whitelist.empty')}>
            {search
              ? t('app.workshops.whitelist.noMatchBody')
              : canEdit
                ? t('app.workshops.whitelist.emptyAdmin')
                : null}
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {entries.data.entries.map((entry) => (
                <li key={entry.email} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className="break-all font-medium text-slate-900">{entry.email}</p>
                    <p className="text-xs text-slate-600">
                      {[
                        entry.name,
                        entry.immersioStudentId
                          ? t('app.workshops.whitelist.immersioId', { id: entry.immersioStudentId })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ') || t('app.workshops.whitelist.noName')}
                    </p>
                  </div>
                  {canEdit ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={update.isPending}
                      aria-label={t('app.workshops.whitelist.removeLabel', { email: entry.email })}
                      onClick={() => remove(entry.email)}
                    >
                      {t('app.workshops.whitelist.remove')}
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
