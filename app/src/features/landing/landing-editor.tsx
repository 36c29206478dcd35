import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { ColourFields } from './colour-fields.tsx';
import { ImageUpload } from './image-upload.tsx';
import {
  FIELD_LABELS,
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
function useDraft(values: LandingFormValues): { draft: LandingUpdate | null; problem: string | null } {
  const input = toUpdateInput(values);
  const parsed = updateSettingsInput.safeParse(input);
  if (parsed.success) return { draft: input, problem: null };
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.');
  return { draft: null, problem: `${FIELD_LABELS[path] ?? 'A value'}: ${issue.message}` };
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
  const update = useMutation(trpc.immersio.landing.updateSettings.mutationOptions());
  const form = useForm<LandingFormValues>({
    defaultValues: settingsToValues(settings),
    resolver: schemaResolver(updateSettingsInput, toUpdateInput, landingFieldForPath),
  });
  const { register, handleSubmit, setError, formState, control } = form;
  const { errors } = formState;
  const values = useWatch({ control }) as LandingFormValues;
  const { draft, problem } = useDraft(values);
  const preview = useDebounced(draft, 300);
  const thumbnails = useDebounced(draft, 1000);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.immersio.landing.getSettings.queryKey() });

  const onSubmit = handleSubmit(async (submitted) => {
    try {
      await update.mutateAsync(toUpdateInput(submitted));
      form.reset(submitted);
      await refresh();
      toast('Landing page saved');
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
            title="Template"
            description="Your page in each of the five templates, with your settings."
          >
            <TemplatePicker draft={thumbnails} selected={values.templateId} field={register('templateId')} />
          </Section>

          <Section title="Colours">
            <ColourFields form={form} />
          </Section>

          <Section title="Words">
            <TextField label="Headline" error={errors.pageTitle?.message} {...register('pageTitle')} />
            <TextAreaField
              label="Subtitle"
              rows={2}
              error={errors.pageSubtitle?.message}
              {...register('pageSubtitle')}
            />
            <TextField
              label="Button text"
              hint="On the buttons that lead to booking, e.g. “Book now”."
              error={errors.ctaText?.message}
              {...register('ctaText')}
            />
            <TextAreaField
              label="About the teacher or school"
              rows={5}
              hint="Plain text; blank lines start new paragraphs."
              error={errors.teacherBio?.message}
              {...register('teacherBio')}
            />
          </Section>

          <Section
            title="Images"
            description="Uploaded images are saved at once; addresses with the other changes."
          >
            {IMAGE_FIELDS.map(({ field, assetType, label }) => (
              <ImageUpload
                key={field}
                label={label}
                assetType={assetType}
                value={values[field]}
                field={register(field)}
                error={errors[field]?.message}
                onUploaded={({ url }) => {
                  form.resetField(field, { defaultValue: url });
                  void refresh();
                  toast(`${label} uploaded and saved`);
                }}
                onClear={() => form.setValue(field, '', { shouldDirty: true })}
              />
            ))}
          </Section>

          <Section title="Social links" description="Full addresses, e.g. https://instagram.com/yourschool.">
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
            title="Languages"
            description="The languages your public pages are offered in. Your own texts are shown as you write them."
          >
            <LanguageFields form={form} />
          </Section>

          <Section
            title="Search engines"
            description="How the page appears in search results and shared links."
          >
            <TextField
              label="Title for search engines"
              hint="Up to 60 characters. Empty: the headline."
              error={errors.metaTitle?.message}
              {...register('metaTitle')}
            />
            <TextAreaField
              label="Description for search engines"
              rows={2}
              hint="Up to 160 characters."
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
              Save changes
            </Button>
            <Button variant="secondary" disabled={!formState.isDirty} onClick={() => form.reset()}>
              Discard changes
            </Button>
            {formState.isDirty ? <span className="text-sm text-slate-600">Unsaved changes</span> : null}
          </div>
        </form>

        <PreviewPane draft={preview} problem={problem} />
      </div>
    </div>
  );
}
