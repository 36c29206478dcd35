import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { embedOrigins } from '../../../../src/modules/landing/procedures/update-settings.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { FormError, SelectField, TextAreaField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';

type SitesValues = { origins: string };
const sitesSchema = z.object({ embedOrigins });
const convert = (values: SitesValues) => ({
  embedOrigins: values.origins
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
});
const fieldFor = (path: string) => (path.startsWith('embedOrigins') ? 'origins' : undefined);

/**
 * Booking on the school's own website (issue 20): the sites allowed to show it, and the one line
 * of code to paste there, for the whole catalogue or one class, in the page or as a pop-up.
 */
export function EmbedPanel({ origins }: { origins: string[] }) {
  const t = useT();
  return (
    <section aria-labelledby="embed-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="embed-title" className="text-lg font-semibold text-slate-900">
        {t('app.landing.embed.title')}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">{t('app.landing.embed.description')}</p>
      <SitesForm origins={origins} />
      {origins.length > 0 ? (
        <Snippet />
      ) : (
        <p className="mt-4 text-sm text-slate-700">{t('app.landing.embed.noSites')}</p>
      )}
    </section>
  );
}

function SitesForm({ origins }: { origins: string[] }) {
  const t = useT();
  const trpc = useTRPC();
  const toast = useToast();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.immersio.landing.updateSettings.mutationOptions());
  const form = useForm<SitesValues>({
    defaultValues: { origins: origins.join('\n') },
    resolver: schemaResolver(sitesSchema, convert, fieldFor),
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(convert(values));
      // Shown as the server keeps them: one per line, written as origins.
      const saved = await queryClient.fetchQuery({
        ...trpc.immersio.landing.getSettings.queryOptions({}),
        staleTime: 0,
      });
      form.reset({ origins: saved.embedOrigins.join('\n') });
      toast(t('app.landing.embed.savedToast'));
    } catch (error) {
      placeServerIssues(error, form.setError, fieldFor);
      if (!form.formState.errors.origins) {
        toast(t('app.landing.embed.saveFailed'), {
          tone: 'error',
          description: errorText(error, 'app.landing.tryAgain'),
        });
      }
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <TextAreaField
        label={t('app.landing.embed.sites')}
        hint={t('app.landing.embed.sitesHint')}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder={t('app.landing.embed.placeholder')}
        className="font-mono text-sm"
        {...fieldProps(form, 'origins')}
      />
      <FormError message={form.formState.errors.root?.message} />
      <Button type="submit" busy={form.formState.isSubmitting}>
        {t('app.landing.embed.save')}
      </Button>
    </form>
  );
}

function Snippet() {
  const t = useT();
  const trpc = useTRPC();
  const { membership } = useViewer();
  const modeName = useId();
  const workshops = useQuery(trpc.immersio.workshop.list.queryOptions({ limit: 100 }));
  const [workshop, setWorkshop] = useState('');
  const [mode, setMode] = useState<'inline' | 'popup'>('inline');
  const attributes = [
    `data-tenant="${membership?.tenantSlug ?? ''}"`,
    workshop ? `data-workshop="${workshop}"` : '',
    mode === 'popup' ? 'data-mode="popup"' : '',
  ].filter(Boolean);
  const code = `<script src="${window.location.origin}/embed.js" ${attributes.join(' ')} async></script>`;
  return (
    <div className="mt-6 space-y-4 border-t border-slate-200 pt-4">
      <SelectField
        label={t('app.landing.embed.show')}
        value={workshop}
        onChange={(event) => setWorkshop(event.target.value)}
      >
        <option value="">{t('app.landing.embed.showAll')}</option>
        {(workshops.data?.workshops ?? []).map((w) => (
          <option key={w.id} value={w.slug}>
            {w.title}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('app.landing.embed.mode')}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {(['inline', 'popup'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={modeName}
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                className="size-4"
              />
              {t(value === 'inline' ? 'app.landing.embed.inline' : 'app.landing.embed.popup')}
            </label>
          ))}
        </div>
      </fieldset>
      <CopyField
        label={t('app.landing.embed.code')}
        value={code}
        copyLabel={t('app.landing.domain.copy')}
        what="link"
        size="sm"
        hint={t(mode === 'inline' ? 'app.landing.embed.codeInline' : 'app.landing.embed.codePopup')}
      />
    </div>
  );
}
