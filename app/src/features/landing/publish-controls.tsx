import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
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
  const publish = useMutation(trpc.immersio.landing.publish.mutationOptions());
  const unpublish = useMutation(trpc.immersio.landing.unpublish.mutationOptions());
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.immersio.landing.getSettings.queryKey() });

  const run = async (action: 'publish' | 'unpublish') => {
    try {
      if (action === 'publish') await publish.mutateAsync({});
      else await unpublish.mutateAsync({});
      await refresh();
      toast(action === 'publish' ? 'Landing page published' : 'Landing page unpublished');
    } catch (error) {
      toast(action === 'publish' ? 'Could not publish' : 'Could not unpublish', {
        tone: 'error',
        description: error instanceof Error ? error.message : undefined,
      });
    }
  };

  const busy = publish.isPending || unpublish.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {settings.isPublished ? (
        <Badge tone="green">Published</Badge>
      ) : (
        <Badge tone="amber">Not published</Badge>
      )}
      {settings.isPublished ? (
        <Button variant="secondary" size="sm" busy={busy} onClick={() => void run('unpublish')}>
          Unpublish
        </Button>
      ) : (
        <Button
          size="sm"
          busy={busy}
          disabled={unsaved}
          aria-describedby={unsaved ? 'publish-hint' : undefined}
          onClick={() => void run('publish')}
        >
          Publish
        </Button>
      )}
      {settings.isPublished && settings.publicUrl ? (
        <a
          href={settings.publicUrl}
          target="_blank"
          rel="noopener"
          className="text-sm font-medium text-brand-700 underline underline-offset-2"
        >
          Open live page<span className="sr-only"> (opens in a new tab)</span>
        </a>
      ) : null}
      {unsaved && !settings.isPublished ? (
        <p id="publish-hint" className="w-full text-xs text-slate-600">
          Save your changes first: publishing makes the saved page public.
        </p>
      ) : null}
    </div>
  );
}
