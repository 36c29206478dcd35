import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
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
  const { me, isAdmin } = useViewer();
  const create = useMutation(trpc.immersio.workshop.create.mutationOptions());

  if (!isAdmin) {
    return (
      <Unavailable title="Only the school’s admins create workshops" back>
        Ask an admin to add a class for you.
      </Unavailable>
    );
  }

  return (
    <>
      <PageHeader
        title="New workshop"
        description="Sessions are planned in the teacher’s time zone unless you choose another."
      />
      <WorkshopForm
        mode="create"
        defaultValues={emptyWorkshopValues(me.id)}
        submitLabel="Create workshop"
        save={async (input) => {
          const created = await create.mutateAsync(input);
          await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.list.pathKey() });
          toast(
            input.startTime
              ? 'Workshop created and published'
              : 'Workshop created: students book from the teacher’s availability',
          );
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
