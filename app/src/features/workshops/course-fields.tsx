import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { CheckboxField, SelectField } from '../../components/ui/field.tsx';
import { useTRPC } from '../../trpc.ts';
import type { FormParts } from './workshop-form-model.ts';

/** The Immersio course a workshop belongs to (from the synced courses) and whether its students sync. */
export function CourseFields({ control, register, errors }: FormParts) {
  const trpc = useTRPC();
  const courses = useQuery(trpc.immersio.integration.listCourses.queryOptions());
  const current = useWatch({ control, name: 'immersioCourseId' });
  const list = courses.data?.courses ?? [];
  const currentMissing = current !== '' && !list.some((c) => c.immersioCourseId === current);

  let hint: string;
  if (courses.isPending) hint = 'Loading the courses…';
  else if (courses.isError) hint = `The courses could not be loaded: ${courses.error.message}`;
  else if (!courses.data.connected)
    hint = 'Immersio is not connected: connect it in the settings to link a course.';
  else if (list.length === 0) hint = 'No courses synced from Immersio yet: run a course sync first.';
  else hint = 'Students booking through Immersio are matched to this course.';

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Immersio course"
        hint={hint}
        error={errors.immersioCourseId?.message}
        {...register('immersioCourseId')}
      >
        <option value="">No course</option>
        {currentMissing ? <option value={current}>{current} (not among the synced courses)</option> : null}
        {list.map((course) => (
          <option key={course.immersioCourseId} value={course.immersioCourseId}>
            {course.name}
            {course.studentCount !== null ? ` (${course.studentCount} students)` : ''}
          </option>
        ))}
      </SelectField>
      <div className="sm:pt-6">
        <CheckboxField
          label="Sync students from Immersio"
          hint="With a course linked, its students are added to the whitelist as they enrol."
          {...register('syncStudentsFromImmersio')}
        />
      </div>
    </div>
  );
}
