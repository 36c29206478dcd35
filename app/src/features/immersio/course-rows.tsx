import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { TableScroller } from './table-scroller.tsx';
import type { Course } from './types.ts';

export interface MappedWorkshop {
  id: number;
  title: string;
  status: 'active' | 'draft' | 'archived';
  immersioCourseId: string | null;
}

/** One row per course: status, student count, the workshops it feeds (each unmappable), Map. */
export function CourseRows({
  courses,
  workshops,
  liveCounts,
  onMap,
}: {
  courses: Course[];
  workshops: MappedWorkshop[];
  liveCounts: Record<string, number>;
  onMap: (course: Course) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const update = useMutation(trpc.immersio.workshop.update.mutationOptions());

  // Unmapping clears the workshop's course; the server then drops the link (the whitelist stays).
  const unmap = async (workshop: MappedWorkshop, course: Course) => {
    try {
      await update.mutateAsync({ workshopId: workshop.id, immersioCourseId: null });
      toast(t('app.immersio.courses.unmapped', { workshop: workshop.title, course: course.name }), {
        description: t('app.immersio.courses.unmappedDetail'),
      });
    } catch (error) {
      toast(t('app.immersio.courses.unmapFailed'), {
        description: errorText(error, 'error.INTERNAL_ERROR'),
        tone: 'error',
      });
    }
    await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.pathKey() });
  };

  return (
    <TableScroller label={t('app.immersio.courses.table')}>
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{t('app.immersio.courses.caption')}</caption>
        <TableHead
          columns={[
            t('app.immersio.courses.columnCourse'),
            t('app.immersio.column.status'),
            { label: t('app.immersio.courses.columnStudents'), alignRight: true },
            t('app.immersio.courses.columnWorkshops'),
            { label: t('app.immersio.column.actions'), hidden: true },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {courses.map((course) => {
            const mapped = workshops.filter((w) => w.immersioCourseId === course.immersioCourseId);
            const count = liveCounts[course.immersioCourseId] ?? course.studentCount;
            return (
              <tr key={course.immersioCourseId}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  <span className="block break-words">{course.name}</span>
                  <code className="text-xs font-normal text-slate-600">{course.immersioCourseId}</code>
                </th>
                <td className="px-3 py-2">
                  <Badge tone={course.status === 'active' ? 'green' : 'slate'}>
                    {t('app.immersio.courses.status', { status: course.status })}
                  </Badge>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-900">
                  {count === null ? '—' : t('app.immersio.courses.students', { count })}
                </td>
                <td className="px-3 py-2">
                  {mapped.length === 0 ? (
                    <span className="text-slate-600">{t('app.immersio.courses.notMapped')}</span>
                  ) : (
                    <ul className="space-y-1">
                      {mapped.map((w) => (
                        <li key={w.id} className="flex flex-wrap items-center gap-2">
                          <span className="text-slate-900">{w.title}</span>
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={t('app.immersio.courses.unmapLabel', { workshop: w.title })}
                            disabled={update.isPending}
                            onClick={() => void unmap(w, course)}
                          >
                            {t('app.immersio.courses.unmap')}
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="px-3 py-2 text-right">
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t('app.immersio.courses.mapLabel', { course: course.name })}
                    onClick={() => onMap(course)}
                  >
                    {t('app.immersio.courses.map')}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroller>
  );
}
