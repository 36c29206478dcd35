import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { CheckboxField, SelectField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
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
      setError('Choose a workshop.');
      return;
    }
    try {
      const result = await map.mutateAsync({
        workshopId: Number(workshopId),
        immersioCourseId: course.immersioCourseId,
        syncStudents,
      });
      onMapped(result.studentCount);
      const title = workshops.find((w) => w.id === Number(workshopId))?.title ?? 'the workshop';
      toast(`“${result.courseName}” mapped to “${title}”`, {
        description: `${result.studentCount} ${result.studentCount === 1 ? 'student' : 'students'}${
          result.whitelistUpdated ? ' put on its whitelist' : ' in the course'
        }.`,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getSyncHistory.queryKey() }),
      ]);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not map the course.');
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Map “${course.name}”`}
      description="Its enrolled students can then book the workshop."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="map-course" busy={map.isPending}>
            Map course
          </Button>
        </>
      }
    >
      <form id="map-course" onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
        <SelectField
          label="Workshop"
          value={workshopId}
          onChange={(event) => setWorkshopId(event.currentTarget.value)}
          error={error && !workshopId ? error : undefined}
        >
          <option value="">Choose a workshop…</option>
          {choices.map((w) => (
            <option key={w.id} value={w.id}>
              {w.title}
              {w.status === 'draft' ? ' (draft)' : ''}
              {w.immersioCourseId ? ' (mapped to another course)' : ''}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label="Put the course’s students on the workshop’s whitelist"
          hint="Only they can then book it; the list follows enrolments in Immersio."
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
