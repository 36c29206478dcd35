import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { buttonClass } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Pagination, Spinner } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import type { WorkshopsSearch } from './search.ts';
import { WorkshopFilters } from './workshop-filters.tsx';
import { WorkshopRows } from './workshop-rows.tsx';

const route = getRouteApi('/staff/workshops');
const PAGE_SIZE = 20;

/**
 * /workshops: the school's workshops, filtered and paged on the server, every filter in the URL.
 * A teacher (MEMBER) starts on their own classes and is offered no create, edit or publish.
 */
export function WorkshopsPage() {
  const trpc = useTRPC();
  const t = useT();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { me, isAdmin } = useViewer();

  const ownByDefault = !isAdmin && !search.allTeachers && search.teacherId === undefined;
  const teacherId = ownByDefault ? me.id : search.teacherId;
  const page = search.page ?? 1;
  const list = useQuery({
    ...trpc.immersio.workshop.list.queryOptions({
      page,
      limit: PAGE_SIZE,
      ...(search.status ? { status: search.status } : {}),
      ...(teacherId !== undefined ? { teacherId } : {}),
      ...(search.immersioCourseId ? { immersioCourseId: search.immersioCourseId } : {}),
      ...(search.q ? { search: search.q } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  // "All teachers" needs saying only for a teacher, whose default is their own classes.
  const setSearch = (changes: Partial<WorkshopsSearch>) =>
    navigate({
      search: (prev) => ({
        ...prev,
        ...changes,
        ...(isAdmin ? { allTeachers: undefined } : {}),
        page: undefined,
      }),
      replace: true,
    });
  const filtered = Boolean(search.status || search.immersioCourseId || search.q || search.teacherId);

  return (
    <>
      <PageHeader
        title={t('app.workshops.list.title')}
        description={
          isAdmin ? t('app.workshops.list.descriptionAdmin') : t('app.workshops.list.descriptionTeacher')
        }
        actions={
          isAdmin ? (
            <Link to="/workshops/new" className={buttonClass('primary')}>
              {t('app.workshops.list.new')}
            </Link>
          ) : null
        }
      />
      <WorkshopFilters
        search={search}
        teacherValue={teacherId === undefined ? 'all' : String(teacherId)}
        onChange={setSearch}
      />
      {list.isPending ? (
        <Spinner label={t('app.workshops.list.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.workshops.length === 0 ? (
        <EmptyState
          title={t(filtered || ownByDefault ? 'app.workshops.list.noMatch' : 'app.workshops.list.empty')}
          action={
            isAdmin && !filtered ? (
              <Link to="/workshops/new" className={buttonClass('primary')}>
                {t('app.workshops.list.createFirst')}
              </Link>
            ) : null
          }
        >
          {filtered || ownByDefault ? t('app.workshops.list.tryFilters') : t('app.workshops.list.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {t('app.workshops.list.count', { count: list.data.totalCount })}
          </p>
          <WorkshopRows workshops={list.data.workshops} canManage={isAdmin} />
          <Pagination
            page={list.data.page}
            totalPages={list.data.totalPages}
            onPage={(next) =>
              navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })
            }
          />
        </>
      )}
    </>
  );
}
