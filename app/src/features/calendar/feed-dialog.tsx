import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';

type Scope = 'teacher' | 'school';

/** Calendar apps subscribe to `webcal://`; the same feed over https is what the server answers. */
const webcal = (url: string) => url.replace(/^https?:/, 'webcal:');

/**
 * "Subscribe in your calendar": the private feed of the sessions the viewer teaches and, for
 * admins, of the whole school, each with a way to copy it, open it in the calendar app, or reset it.
 */
export function FeedDialog({ isAdmin, onClose }: { isAdmin: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.calendar.feed.title')}
      description={t('app.calendar.feed.description')}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t('app.calendar.feed.close')}
        </Button>
      }
    >
      <div className="space-y-6">
        <FeedSection scope="teacher" />
        {isAdmin ? <FeedSection scope="school" /> : null}
      </div>
    </Dialog>
  );
}

function FeedSection({ scope }: { scope: Scope }) {
  const t = useT();
  const trpc = useTRPC();
  const feed = useQuery(trpc.immersio.calendar.getFeedUrl.queryOptions({ scope }));
  const [resetting, setResetting] = useState(false);
  const heading = scope === 'school' ? t('app.calendar.feed.school') : t('app.calendar.feed.mine');
  return (
    <section aria-label={heading} className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">{heading}</h3>
      {feed.isPending ? (
        <Spinner label={t('app.calendar.feed.loading')} />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : (
        <>
          <CopyField
            label={t('app.calendar.feed.urlLabel')}
            value={webcal(feed.data.url)}
            copyLabel={t('app.calendar.feed.copy')}
            what="link"
            size="sm"
            hint={t('app.calendar.feed.secretHint')}
          />
          <div className="flex flex-wrap items-center gap-3">
            <a
              className="text-sm font-medium text-blue-700 underline hover:text-blue-900"
              href={webcal(feed.data.url)}
            >
              {t('app.calendar.feed.open')}
            </a>
            <Button variant="secondary" size="sm" onClick={() => setResetting(true)}>
              {t('app.calendar.feed.reset')}
            </Button>
          </div>
        </>
      )}
      {resetting ? <ResetFeedDialog scope={scope} onClose={() => setResetting(false)} /> : null}
    </section>
  );
}

function ResetFeedDialog({ scope, onClose }: { scope: Scope; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const reset = useMutation(trpc.immersio.calendar.resetFeedUrl.mutationOptions());
  return (
    <ConfirmDialog
      title={t('app.calendar.feed.resetTitle')}
      description={t('app.calendar.feed.resetDescription')}
      cancelLabel={t('app.calendar.feed.resetKeep')}
      confirmLabel={t('app.calendar.feed.resetConfirm')}
      failureMessage={t('app.calendar.feed.resetFailed')}
      onConfirm={async () => {
        const fresh = await reset.mutateAsync({ scope });
        queryClient.setQueryData(trpc.immersio.calendar.getFeedUrl.queryKey({ scope }), fresh);
        toast(t('app.calendar.feed.resetDone'));
      }}
      onClose={onClose}
    />
  );
}
