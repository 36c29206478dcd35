import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../../components/ui/field.tsx';
import { EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Card } from './card.tsx';
import { CourseRows, type MappedWorkshop } from './course-rows.tsx';
import { MapCourseDialog } from './map-course-dialog.tsx';
import type { Course } from './types.ts';

/** Enough for a school's catalogue in one list; more are named as missing (see `truncated`). */
const WORKSHOP_LIMIT = 100;
/** A list longer than this gets a filter. */
const FILTER_FROM = 10;

/**
 * The synced courses with their student counts and the workshops each feeds. Mapping a course
 * reads its students from Immersio at once (the count shown afterwards is that live one; the
 * list's own is the last sync's) and, if asked, puts them on the workshop's whitelist.
 */
export function CoursesCard() {
  const trpc = useTRPC();
  const t = useT();
  const courses = useQuery(trpc.immersio.integration.listCourses.queryOptions());
  const workshops = useQuery(trpc.immersio.workshop.list.queryOptions({ limit: WORKSHOP_LIMIT }));
  const [mapping, setMapping] = useState<Course | null>(null);
  const [filter, setFilter] = useState('');
  // mapCourse's live counts, fresher than the last sync's (which the list holds) until the next one.
  const [liveCounts, setLiveCounts] = useState<Record<string, number>>({});

  const needle = filter.trim().toLowerCase();
  const shown = (courses.data?.courses ?? []).filter(
    (c) =>
      !needle || c.name.toLowerCase().includes(needle) || c.immersioCourseId.toLowerCase().includes(needle),
  );
  const all: MappedWorkshop[] =
    workshops.data?.workshops.map((w) => ({
      id: w.id,
      title: w.title,
      status: w.status,
      immersioCourseId: w.immersioCourseId,
    })) ?? [];

  return (
    <Card
      id="immersio-courses"
      title={t('app.immersio.courses.title')}
      description={t('app.immersio.courses.description')}
    >
      {courses.isPending || workshops.isPending ? (
        <Spinner label={t('app.immersio.courses.loading')} />
      ) : courses.isError ? (
        <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />
      ) : workshops.isError ? (
        <ErrorState error={workshops.error} onRetry={() => void workshops.refetch()} />
      ) : courses.data.courses.length === 0 ? (
        <EmptyState title={t('app.immersio.courses.emptyTitle')}>{t('app.immersio.syncNowHint')}</EmptyState>
      ) : (
        <>
          {courses.data.courses.length > FILTER_FROM ? (
            <TextField
              label={t('app.immersio.courses.filter')}
              type="search"
              fieldClassName="mb-3 max-w-sm"
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value)}
            />
          ) : null}
          {shown.length === 0 ? (
            <EmptyState title={t('app.immersio.courses.noMatchTitle')}>
              {t('app.immersio.courses.noMatchBody')}
            </EmptyState>
          ) : (
            <CourseRows courses={shown} workshops={all} liveCounts={liveCounts} onMap={setMapping} />
          )}
          {courses.data.truncated ? (
            <p className="mt-2 text-sm text-slate-600">
              {t('app.immersio.courses.truncated', { count: String(courses.data.courses.length) })}
            </p>
          ) : null}
          {workshops.data.totalCount > all.length ? (
            <p className="mt-2 text-sm text-slate-600">
              {t('app.immersio.courses.workshopsTruncated', {
                shown: String(all.length),
                total: String(workshops.data.totalCount),
              })}
            </p>
          ) : null}
        </>
      )}
      {mapping ? (
        <MapCourseDialog
          course={mapping}
          workshops={all}
          onMapped={(count) => setLiveCounts((counts) => ({ ...counts, [mapping.immersioCourseId]: count }))}
          onClose={() => setMapping(null)}
        />
      ) : null}
    </Card>
  );
}
