import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { CheckboxField, SelectField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { MappedWorkshop } from './course-rows.tsx';
import type { Course } from './types.ts';

/**
 * Picks the workshop a course feeds (a workshop has one course: picking one that has another
 * moves it) and whether its students go on the whitelist; answers with the live student count.
 */
export function MapCourseDialog({
  course,
  workshops,
  onMapped,
  onClose,
}: {
  course: Course;
  workshops: MappedWorkshop[];
  onMapped: (studentCount: number) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const map = useMutation(trpc.immersio.integration.mapCourse.mutationOptions());
  const choices = workshops.filter(
    (w) => w.status !== 'archived' && w.immersioCourseId !== course.immersioCourseId,
  );
  const [workshopId, setWorkshopId] = useState('');
  const [syncStudents, setSyncStudents] = useState(true);
  const [error, setError] = useState<string>();

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!workshopId) {
      setError(t('app.immersio.map.chooseError'));
      return;
    }
    try {
      const result = await map.mutateAsync({
        workshopId: Number(workshopId),
        immersioCourseId: course.immersioCourseId,
        syncStudents,
      });
      onMapped(result.studentCount);
      const title = workshops.find((w) => w.id === Number(workshopId))?.title;
      const count = result.studentCount;
      toast(
        title === undefined
          ? t('app.immersio.map.mappedUnknown', { course: result.courseName })
          : t('app.immersio.map.mapped', { course: result.courseName, workshop: title }),
        {
          description: result.whitelistUpdated
            ? t('app.immersio.map.studentsWhitelisted', { count })
            : t('app.immersio.map.studentsInCourse', { count }),
        },
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getSyncHistory.queryKey() }),
      ]);
      onClose();
    } catch (failure) {
      setError(errorText(failure, 'app.immersio.map.failed'));
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.immersio.map.title', { course: course.name })}
      description={t('app.immersio.map.description')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.immersio.map.cancel')}
          </Button>
          <Button type="submit" form="map-course" busy={map.isPending}>
            {t('app.immersio.map.submit')}
          </Button>
        </>
      }
    >
      <form id="map-course" onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
        <SelectField
          label={t('app.immersio.map.workshop')}
          value={workshopId}
          onChange={(event) => setWorkshopId(event.currentTarget.value)}
          error={error && !workshopId ? error : undefined}
        >
          <option value="">{t('app.immersio.map.choose')}</option>
          {choices.map((w) => (
            <option key={w.id} value={w.id}>
              {w.status === 'draft'
                ? w.immersioCourseId
                  ? t('app.immersio.map.optionDraftMapped', { title: w.title })
                  : t('app.immersio.map.optionDraft', { title: w.title })
                : w.immersioCourseId
                  ? t('app.immersio.map.optionMapped', { title: w.title })
                  : w.title}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('app.immersio.map.whitelist')}
          hint={t('app.immersio.map.whitelistHint')}
          checked={syncStudents}
          onChange={(event) => setSyncStudents(event.currentTarget.checked)}
        />
        {error && workshopId ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
