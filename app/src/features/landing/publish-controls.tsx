import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { LandingSettings } from './landing-form-model.ts';

/**
 * Whether the page is public, the switch, and the live page. Publishing shows the saved
 * settings: with unsaved changes the switch waits for a save, so nobody publishes what they
 * have not seen saved.
 */
export function PublishControls({ settings, unsaved }: { settings: LandingSettings; unsaved: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const publish = useMutation(trpc.immersio.landing.publish.mutationOptions());
  const unpublish = useMutation(trpc.immersio.landing.unpublish.mutationOptions());
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.immersio.landing.getSettings.queryKey() });

  const run = async (action: 'publish' | 'unpublish') => {
    try {
      if (action === 'publish') await publish.mutateAsync({});
      else await unpublish.mutateAsync({});
      await refresh();
      toast(action === 'publish' ? t('app.landing.publish.published') : t('app.landing.publish.unpublished'));
    } catch (error) {
      const title =
        action === 'publish'
          ? t('app.landing.publish.publishFailed')
          : t('app.landing.publish.unpublishFailed');
      toast(title, { tone: 'error', description: errorText(error, 'app.landing.tryAgain') });
    }
  };

  const busy = publish.isPending || unpublish.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {settings.isPublished ? (
        <Badge tone="green">{t('app.landing.publish.badgePublished')}</Badge>
      ) : (
        <Badge tone="amber">{t('app.landing.publish.badgeNotPublished')}</Badge>
      )}
      {settings.isPublished ? (
        <Button variant="secondary" size="sm" busy={busy} onClick={() => void run('unpublish')}>
          {t('app.landing.publish.unpublish')}
        </Button>
      ) : (
        <Button
          size="sm"
          busy={busy}
          disabled={unsaved}
          aria-describedby={unsaved ? 'publish-hint' : undefined}
          onClick={() => void run('publish')}
        >
          {t('app.landing.publish.publish')}
        </Button>
      )}
      {settings.isPublished && settings.publicUrl ? (
        <a
          href={settings.publicUrl}
          target="_blank"
          rel="noopener"
          className="text-sm font-medium text-brand-700 underline underline-offset-2"
        >
          {t('app.landing.publish.openLive')}
          <span className="sr-only"> {t('app.landing.publish.newTab')}</span>
        </a>
      ) : null}
      {unsaved && !settings.isPublished ? (
        <p id="publish-hint" className="w-full text-xs text-slate-600">
          {t('app.landing.publish.saveFirst')}
        </p>
      ) : null}
    </div>
  );
}
