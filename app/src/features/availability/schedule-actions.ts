import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Schedule } from './schedule-form-model.ts';

/** Making a schedule its teacher's default, and deleting one, from the list and the editor alike. */
export function useScheduleActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const setDefault = useMutation(trpc.immersio.availability.setDefault.mutationOptions());
  const remove = useMutation(trpc.immersio.availability.delete.mutationOptions());
  // The teacher's previous default changed too: every schedule read is refetched.
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.immersio.availability.pathKey() });

  return {
    pending: setDefault.isPending || remove.isPending,

    async makeDefault(schedule: Schedule) {
      try {
        await setDefault.mutateAsync({ scheduleId: schedule.id });
        await refresh();
        toast(
          t('app.availability.actions.madeDefault', { name: schedule.name, teacher: schedule.teacher.name }),
        );
      } catch (error) {
        toast(t('app.availability.actions.defaultFailed'), {
          tone: 'error',
          description: errorText(error, 'app.availability.tryAgain'),
        });
      }
    },

    /** Throws the server's refusal, for the confirming dialog to show. */
    async remove(schedule: Schedule) {
      await remove.mutateAsync({ scheduleId: schedule.id });
      // Only when no screen shows it: the editor that deleted it leaves first.
      queryClient.removeQueries({
        queryKey: trpc.immersio.availability.get.queryKey({ scheduleId: schedule.id }),
        type: 'inactive',
      });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.availability.list.pathKey() });
      toast(t('app.availability.actions.deleted', { name: schedule.name }));
    },
  };
}
