import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { AdjustCreditsDialog } from './adjust-credits-dialog.tsx';
import { HolderHistoryDialog } from './holder-history-dialog.tsx';
import { HoldersSection } from './holders-section.tsx';
import { PassDialog } from './pass-dialog.tsx';
import { PassRows } from './pass-rows.tsx';
import type { PassesSearch } from './search.ts';
import type { Holder, PassItem } from './types.ts';

const route = getRouteApi('/staff/passes');

/**
 * /passes: the class passes the school sells (issue 16) and the ones its students bought. Every
 * member reads them; OWNER and ADMIN create and edit passes and change a student's classes.
 */
export function PassesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { me, isAdmin } = useViewer();
  const list = useQuery(trpc.immersio.pass.list.queryOptions());
  const update = useMutation(trpc.immersio.pass.update.mutationOptions());
  const [editing, setEditing] = useState<PassItem | 'new' | null>(null);
  const [history, setHistory] = useState<Holder | null>(null);
  const [adjusting, setAdjusting] = useState<Holder | null>(null);

  const setSearch = (changes: Partial<PassesSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...changes }), replace: true });
  const toggleSale = async (pass: PassItem) => {
    const status = pass.status === 'active' ? 'archived' : 'active';
    try {
      await update.mutateAsync({ passId: pass.id, status });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.pass.pathKey() });
      toast(
        t(status === 'archived' ? 'app.passes.page.archived' : 'app.passes.page.onSaleAgain', {
          name: pass.name,
        }),
      );
    } catch (error) {
      toast(t('app.passes.page.changeFailed'), {
        tone: 'error',
        description: errorText(error, 'app.passes.page.tryAgain'),
      });
    }
  };

  return (
    <>
      <PageHeader
        title={t('app.passes.page.title')}
        description={
          <>
            {t('app.passes.page.description')}
            {list.data ? (
              <>
                {' '}
                <a className="font-medium text-brand-800 underline" href={list.data.pageUrl}>
                  {t('app.passes.page.link')}
                </a>
              </>
            ) : null}
          </>
        }
        actions={
          isAdmin ? <Button onClick={() => setEditing('new')}>{t('app.passes.form.newTitle')}</Button> : null
        }
      />
      <section aria-labelledby="passes-title">
        <h2 id="passes-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('app.passes.page.passes')}
        </h2>
        {list.isPending ? (
          <Spinner label={t('app.passes.page.loading')} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.passes.length === 0 ? (
          <EmptyState
            title={t('app.passes.page.emptyTitle')}
            action={
              isAdmin ? (
                <Button onClick={() => setEditing('new')}>{t('app.passes.page.create')}</Button>
              ) : null
            }
          >
            {t(isAdmin ? 'app.passes.page.emptyAdmin' : 'app.passes.page.emptyTeacher')}
          </EmptyState>
        ) : (
          <PassRows
            passes={list.data.passes}
            canManage={isAdmin}
            onEdit={setEditing}
            onToggleSale={(pass) => void toggleSale(pass)}
          />
        )}
      </section>
      <HoldersSection
        passes={list.data?.passes ?? []}
        search={search}
        onSearch={setSearch}
        canManage={isAdmin}
        timeZone={me.timeZone}
        onHistory={setHistory}
        onAdjust={setAdjusting}
      />
      {editing ? (
        <PassDialog pass={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {history ? (
        <HolderHistoryDialog holder={history} timeZone={me.timeZone} onClose={() => setHistory(null)} />
      ) : null}
      {adjusting ? <AdjustCreditsDialog holder={adjusting} onClose={() => setAdjusting(null)} /> : null}
    </>
  );
}
