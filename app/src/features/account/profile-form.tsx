import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../../../src/lib/i18n/locales.schema.ts';
import { updateProfileInput } from '../../../../src/modules/viewer/procedures/account.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { FormError, SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { timeZoneOptions } from '../availability/time-zones.ts';
import { ACCOUNT_CARD, AccountSection } from './account-section.tsx';

interface ProfileValues {
  name: string;
  timeZone: string;
  language: Locale;
}

const FIELDS = ['name', 'timeZone', 'language'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);
const convert = (v: ProfileValues) => v;

/** Name, time zone and language; the sign-in address has its own form (email-form.tsx). */
export function ProfileForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const { me } = useViewer();
  const update = useMutation(trpc.immersio.account.updateProfile.mutationOptions());
  const form = useForm<ProfileValues>({
    defaultValues: { name: me.name, timeZone: me.timeZone, language: languageOf(me.language) },
    resolver: schemaResolver(updateProfileInput, convert, fieldFor),
  });
  const { formState, setError, reset } = form;
  const { errors } = formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values);
      reset({ name: saved.name, timeZone: saved.timeZone, language: languageOf(saved.language) });
      await queryClient.invalidateQueries({ queryKey: trpc.viewer.me.queryKey() });
      toast(t('app.account.profile.savedToast'));
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <AccountSection id="profile" title={t('app.account.profile.title')}>
      <form onSubmit={onSubmit} noValidate className={ACCOUNT_CARD}>
        <TextField
          label={t('app.account.profile.nameLabel')}
          autoComplete="name"
          maxLength={200}
          hint={t('app.account.profile.nameHint')}
          {...fieldProps(form, 'name')}
        />
        <SelectField
          label={t('app.account.profile.timeZoneLabel')}
          hint={t('app.account.profile.timeZoneHint')}
          {...fieldProps(form, 'timeZone')}
        >
          {timeZoneOptions(me.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('app.account.profile.languageLabel')}
          hint={t('app.account.profile.languageHint')}
          {...fieldProps(form, 'language')}
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </SelectField>
        <FormError message={errors.root?.message} />
        <Button type="submit" busy={formState.isSubmitting}>
          {t('app.account.profile.submit')}
        </Button>
      </form>
    </AccountSection>
  );
}

/** The stored language as one the select offers (English for anything else). */
function languageOf(tag: string | undefined): Locale {
  return isLocale(tag) ? tag : 'en';
}
