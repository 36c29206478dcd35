import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { type AppMessageKey, type MessageValues, useT } from '../../lib/i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { ColourFields } from './colour-fields.tsx';
import { ImageUpload } from './image-upload.tsx';
import {
  fieldLabel,
  IMAGE_FIELDS,
  type LandingFormValues,
  type LandingSettings,
  type LandingUpdate,
  landingFieldForPath,
  SOCIAL_LABELS,
  SOCIAL_NETWORKS,
  settingsToValues,
  toUpdateInput,
  updateSettingsInput,
} from './landing-form-model.ts';
import { LanguageFields } from './language-fields.tsx';
import { PreviewPane } from './preview-pane.tsx';
import { PublishControls } from './publish-controls.tsx';
import { TemplatePicker } from './template-picker.tsx';

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      {children}
    </fieldset>
  );
}

/** The draft the previews draw: the form as `updateSettings` would take it, or null while invalid. */
function useDraft(
  values: LandingFormValues,
  t: (key: AppMessageKey, values?: MessageValues) => string,
): { draft: LandingUpdate | null; problem: string | null } {
  const input = toUpdateInput(values);
  const parsed = updateSettingsInput.safeParse(input);
  if (parsed.success) return { draft: input, problem: null };
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.');
  return {
    draft: null,
    problem: t('app.landing.editor.problem', { field: fieldLabel(path, t), message: issue.message }),
  };
}

/**
 * Every `updateSettings` field, checked by the procedure's own schema, beside the page the server
 * renders from the unsaved values (debounced); images upload on their own, and publishing acts
 * on what is saved.
 */
export function LandingEditor({ settings }: { settings: LandingSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const update = useMutation(trpc.immersio.landing.updateSettings.mutationOptions());
  const form = useForm<LandingFormValues>({
    defaultValues: settingsToValues(settings),
    resolver: schemaResolver(updateSettingsInput, toUpdateInput, landingFieldForPath),
  });
  const { register, handleSubmit, setError, formState, control } = form;
  const { errors } = formState;
  const values = useWatch({ control }) as LandingFormValues;
  const { draft, problem } = useDraft(values, t);
  const preview = useDebounced(draft, 300);
  const thumbnails = useDebounced(draft, 1000);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.immersio.landing.getSettings.queryKey() });

  const onSubmit = handleSubmit(async (submitted) => {
    try {
      await update.mutateAsync(toUpdateInput(submitted));
      form.reset(submitted);
      await refresh();
      toast(t('app.landing.editor.saved'));
    } catch (error) {
      placeServerIssues(error, setError, landingFieldForPath);
    }
  });

  return (
    <div className="space-y-6">
      <PublishControls settings={settings} unsaved={formState.isDirty} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,36rem)_minmax(0,1fr)]">
        <form onSubmit={onSubmit} noValidate className="min-w-0 space-y-6">
          <Section
            title={t('app.landing.editor.templateTitle')}
            description={t('app.landing.editor.templateDescription')}
          >
            <TemplatePicker draft={thumbnails} selected={values.templateId} field={register('templateId')} />
          </Section>

          <Section title={t('app.landing.editor.coloursTitle')}>
            <ColourFields form={form} />
          </Section>

          <Section title={t('app.landing.editor.wordsTitle')}>
            <TextField
              label={t('app.landing.editor.headline')}
              error={errors.pageTitle?.message}
              {...register('pageTitle')}
            />
            <TextAreaField
              label={t('app.landing.editor.subtitle')}
              rows={2}
              error={errors.pageSubtitle?.message}
              {...register('pageSubtitle')}
            />
            <TextField
              label={t('app.landing.editor.buttonText')}
              hint={t('app.landing.editor.buttonTextHint')}
              error={errors.ctaText?.message}
              {...register('ctaText')}
            />
            <TextAreaField
              label={t('app.landing.editor.about')}
              rows={5}
              hint={t('app.landing.editor.aboutHint')}
              error={errors.teacherBio?.message}
              {...register('teacherBio')}
            />
          </Section>

          <Section
            title={t('app.landing.editor.imagesTitle')}
            description={t('app.landing.editor.imagesDescription')}
          >
            {IMAGE_FIELDS.map(({ field, assetType }) => (
              <ImageUpload
                key={field}
                assetType={assetType}
                value={values[field]}
                field={register(field)}
                error={errors[field]?.message}
                onUploaded={({ url }) => {
                  form.resetField(field, { defaultValue: url });
                  void refresh();
                  toast(t('app.landing.image.uploaded', { image: assetType }));
                }}
                onClear={() => form.setValue(field, '', { shouldDirty: true })}
              />
            ))}
          </Section>

          <Section
            title={t('app.landing.editor.socialTitle')}
            description={t('app.landing.editor.socialDescription')}
          >
            <div className="grid gap-4 sm:grid-cols-2">
              {SOCIAL_NETWORKS.map((network) => (
                <TextField
                  key={network}
                  label={SOCIAL_LABELS[network]}
                  inputMode="url"
                  error={errors.social?.[network]?.message}
                  {...register(`social.${network}`)}
                />
              ))}
            </div>
          </Section>

          <Section
            title={t('app.landing.editor.languagesTitle')}
            description={t('app.landing.editor.languagesDescription')}
          >
            <LanguageFields form={form} />
          </Section>

          <Section
            title={t('app.landing.editor.searchTitle')}
            description={t('app.landing.editor.searchDescription')}
          >
            <TextField
              label={t('app.landing.editor.metaTitle')}
              hint={t('app.landing.editor.metaTitleHint')}
              error={errors.metaTitle?.message}
              {...register('metaTitle')}
            />
            <TextAreaField
              label={t('app.landing.editor.metaDescription')}
              rows={2}
              hint={t('app.landing.editor.metaDescriptionHint')}
              error={errors.metaDescription?.message}
              {...register('metaDescription')}
            />
          </Section>

          {errors.root?.message ? (
            <p
              role="alert"
              className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
            >
              {errors.root.message}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" busy={formState.isSubmitting}>
              {t('app.landing.editor.save')}
            </Button>
            <Button variant="secondary" disabled={!formState.isDirty} onClick={() => form.reset()}>
              {t('app.landing.editor.discard')}
            </Button>
            {formState.isDirty ? (
              <span className="text-sm text-slate-600">{t('app.landing.editor.unsaved')}</span>
            ) : null}
          </div>
        </form>

        <PreviewPane draft={preview} problem={problem} />
      </div>
    </div>
  );
}
