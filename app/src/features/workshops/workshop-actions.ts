import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import { toastError } from './feedback.tsx';

export type WorkshopStatus = 'active' | 'draft' | 'archived';

/** The status changes offered from each status (admins only; the server refuses MEMBERs). */
export function statusActions(status: WorkshopStatus): Array<{ to: WorkshopStatus; label: string }> {
  if (status === 'draft')
    return [
      { to: 'active', label: 'Publish' },
      { to: 'archived', label: 'Archive' },
    ];
  if (status === 'active') return [{ to: 'archived', label: 'Archive' }];
  return [{ to: 'active', label: 'Reactivate' }];
}

const DONE: Record<WorkshopStatus, string> = {
  active: 'Published: students can book it',
  draft: 'Moved back to draft',
  archived: 'Archived: it no longer takes bookings',
};

/**
 * Publish, archive, copy the booking link and open the public page, for the list and the
 * workshop page alike. The booking URL comes from `immersio.workshop.get` (the service builds
 * it from the school's public address), fetched when first needed and then cached.
 */
export function useWorkshopActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const update = useMutation(trpc.immersio.workshop.update.mutationOptions());

  const bookingUrl = async (workshopId: number) =>
    (await queryClient.fetchQuery(trpc.immersio.workshop.get.queryOptions({ workshopId }))).bookingUrl;

  return {
    pending: update.isPending,

    async setStatus(workshopId: number, status: WorkshopStatus) {
      try {
        const updated = await update.mutateAsync({ workshopId, status });
        queryClient.setQueryData(trpc.immersio.workshop.get.queryKey({ workshopId }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.list.pathKey() });
        toast(DONE[status]);
      } catch (error) {
        toastError(toast, 'Could not change the status', error);
      }
    },

    async copyLink(workshopId: number) {
      try {
        await navigator.clipboard.writeText(await bookingUrl(workshopId));
        toast('Booking link copied');
      } catch (error) {
        toastError(toast, 'Could not copy the link', error);
      }
    },

    /**
     * The tab is opened at once (a browser allows a new window only right after the click) and
     * sent to the page when its address is known.
     */
    async openPublicPage(workshopId: number) {
      const tab = window.open('', '_blank');
      if (tab) tab.opener = null;
      try {
        const url = await bookingUrl(workshopId);
        if (tab) tab.location.href = url;
        else window.location.assign(url);
      } catch (error) {
        tab?.close();
        toastError(toast, 'Could not open the public page', error);
      }
    },
  };
}
