import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { WORKSHOP_STATUSES, type WorkshopsSearch } from './search.ts';

export const STATUS_LABELS: Record<(typeof WORKSHOP_STATUSES)[number], AppMessageKey> = {
  active: 'app.workshops.status.active',
  draft: 'app.workshops.status.draft',
  archived: 'app.workshops.status.archived',
};

/**
 * Title search, status, teacher and Immersio course. Every change goes to the URL (back to page
 * one); the search box waits until typing pauses.
 */
export function WorkshopFilters({
  search,
  teacherValue,
  onChange,
}: {
  search: WorkshopsSearch;
  /** The teacher select's value: a user id, or 'all'. */
  teacherValue: string;
  onChange: (changes: Partial<WorkshopsSearch>) => void;
}) {
  const trpc = useTRPC();
  const t = useT();
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const courses = useQuery(trpc.immersio.integration.listCourses.queryOptions());
  const [text, setText] = useState(search.q ?? '');
  const settled = useDebounced(text, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled change of the box counts
  useEffect(() => {
    if ((settled.trim() || undefined) !== search.q) onChange({ q: settled.trim() || undefined });
  }, [settled]);

  return (
    <search
      className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
      aria-label={t('app.workshops.filters.label')}
    >
      <TextField
        label={t('app.workshops.filters.search')}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        maxLength={100}
      />
      <SelectField
        label={t('app.workshops.filters.status')}
        value={search.status ?? ''}
        onChange={(event) => onChange({ status: WORKSHOP_STATUSES.find((s) => s === event.target.value) })}
      >
        <option value="">{t('app.workshops.filters.allStatuses')}</option>
        {WORKSHOP_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(STATUS_LABELS[status])}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('app.workshops.filters.teacher')}
        value={teacherValue}
        onChange={(event) => {
          const value = event.target.value;
          onChange(
            value === 'all'
              ? { teacherId: undefined, allTeachers: true }
              : { teacherId: Number(value), allTeachers: undefined },
          );
        }}
      >
        <option value="all">{t('app.workshops.filters.allTeachers')}</option>
        {members.data?.members.map((m) => (
          <option key={m.userId} value={String(m.userId)}>
            {m.name}
          </option>
        ))}
        {!members.data && teacherValue !== 'all' ? (
          <option value={teacherValue}>{t('app.workshops.filters.loading')}</option>
        ) : null}
      </SelectField>
      <SelectField
        label={t('app.workshops.filters.course')}
        value={search.immersioCourseId ?? ''}
        hint={courses.data && !courses.data.connected ? t('app.workshops.filters.notConnected') : undefined}
        onChange={(event) => onChange({ immersioCourseId: event.target.value || undefined })}
      >
        <option value="">{t('app.workshops.filters.anyCourse')}</option>
        {search.immersioCourseId &&
        !courses.data?.courses.some((c) => c.immersioCourseId === search.immersioCourseId) ? (
          <option value={search.immersioCourseId}>{search.immersioCourseId}</option>
        ) : null}
        {courses.data?.courses.map((c) => (
          <option key={c.immersioCourseId} value={c.immersioCourseId}>
            {c.name}
          </option>
        ))}
      </SelectField>
    </search>
  );
}
