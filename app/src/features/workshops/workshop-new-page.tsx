import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { Unavailable } from './feedback.tsx';
import { WorkshopForm } from './workshop-form.tsx';
import { emptyWorkshopValues } from './workshop-form-model.ts';

/** /workshops/new: every field of a new workshop, its first session and how it repeats. */
export function WorkshopNewPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const t = useT();
  const { me, isAdmin } = useViewer();
  const create = useMutation(trpc.immersio.workshop.create.mutationOptions());

  if (!isAdmin) {
    return (
      <Unavailable title={t('app.workshops.new.adminOnlyTitle')} back>
        {t('app.workshops.new.adminOnlyBody')}
      </Unavailable>
    );
  }

  return (
    <>
      <PageHeader title={t('app.workshops.new.title')} description={t('app.workshops.new.description')} />
      <WorkshopForm
        mode="create"
        defaultValues={emptyWorkshopValues(me.id)}
        submitLabel={t('app.workshops.new.submit')}
        save={async (input) => {
          const created = await create.mutateAsync(input);
          await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.list.pathKey() });
          toast(input.startTime ? t('app.workshops.new.created') : t('app.workshops.new.createdSlots'));
          await navigate({
            to: '/workshops/$workshopId',
            params: { workshopId: String(created.id) },
            search: { tab: 'details' },
          });
        }}
      />
    </>
  );
}
