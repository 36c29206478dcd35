import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui/toast.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { useToastError } from './feedback.tsx';

export type WorkshopStatus = 'active' | 'draft' | 'archived';

/** The status changes offered from each status (admins only; the server refuses MEMBERs). */
export function statusActions(status: WorkshopStatus): Array<{ to: WorkshopStatus; label: AppMessageKey }> {
  if (status === 'draft')
    return [
      { to: 'active', label: 'app.workshops.actions.publish' },
      { to: 'archived', label: 'app.workshops.actions.archive' },
    ];
  if (status === 'active') return [{ to: 'archived', label: 'app.workshops.actions.archive' }];
  return [{ to: 'active', label: 'app.workshops.actions.reactivate' }];
}

const DONE: Record<WorkshopStatus, AppMessageKey> = {
  active: 'app.workshops.actions.done.active',
  draft: 'app.workshops.actions.done.draft',
  archived: 'app.workshops.actions.done.archived',
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
  const toastError = useToastError();
  const t = useT();
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
        toast(t(DONE[status]));
      } catch (error) {
        toastError('app.workshops.actions.statusFailed', error);
      }
    },

    async copyLink(workshopId: number) {
      try {
        await navigator.clipboard.writeText(await bookingUrl(workshopId));
        toast(t('app.workshops.actions.linkCopied'));
      } catch (error) {
        toastError('app.workshops.actions.copyFailed', error);
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
        toastError('app.workshops.actions.openFailed', error);
      }
    },
  };
}
