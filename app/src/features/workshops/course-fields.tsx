import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { CheckboxField, SelectField } from '../../components/ui/field.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { FormParts } from './workshop-form-model.ts';

/** The Immersio course a workshop belongs to (from the synced courses) and whether its students sync. */
export function CourseFields({ control, register, errors }: FormParts) {
  const trpc = useTRPC();
  const t = useT();
  const errorText = useErrorText();
  const courses = useQuery(trpc.immersio.integration.listCourses.queryOptions());
  const current = useWatch({ control, name: 'immersioCourseId' });
  const list = courses.data?.courses ?? [];
  const currentMissing = current !== '' && !list.some((c) => c.immersioCourseId === current);

  let hint: string;
  if (courses.isPending) hint = t('app.workshops.course.loading');
  else if (courses.isError)
    hint = t('app.workshops.course.error', {
      message: errorText(courses.error, 'app.workshops.course.errorFallback'),
    });
  else if (!courses.data.connected) hint = t('app.workshops.course.notConnected');
  else if (list.length === 0) hint = t('app.workshops.course.noneSynced');
  else hint = t('app.workshops.course.hint');

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label={t('app.workshops.course.label')}
        hint={hint}
        error={errors.immersioCourseId?.message}
        {...register('immersioCourseId')}
      >
        <option value="">{t('app.workshops.course.none')}</option>
        {currentMissing ? (
          <option value={current}>{t('app.workshops.course.missing', { course: current })}</option>
        ) : null}
        {list.map((course) => (
          <option key={course.immersioCourseId} value={course.immersioCourseId}>
            {course.studentCount !== null
              ? t('app.workshops.course.withStudents', { name: course.name, count: course.studentCount })
              : course.name}
          </option>
        ))}
      </SelectField>
      <div className="sm:pt-6">
        <CheckboxField
          label={t('app.workshops.course.sync')}
          hint={t('app.workshops.course.syncHint')}
          {...register('syncStudentsFromImmersio')}
        />
      </div>
    </div>
  );
}
