import type { UseFormReturn } from 'react-hook-form';
import { LOCALE_NAMES, LOCALES } from '../../../../src/lib/i18n/locales.schema.ts';
import { SelectField } from '../../components/ui/field.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { LandingFormValues } from './landing-form-model.ts';

/**
 * The school's languages (issue 18): the default its pages fall back to, and the ones they offer,
 * each named in its own language (as the pages' switcher names them). The procedure's schema
 * checks them with the rest of the form: at least one ticked, the default among them.
 */
export function LanguageFields({ form }: { form: UseFormReturn<LandingFormValues> }) {
  const t = useT();
  const { register, formState } = form;
  const { errors } = formState;
  const languagesError = errors.languages?.message ?? errors.languages?.root?.message;
  return (
    <>
      <SelectField
        label={t('app.landing.languages.default')}
        hint={t('app.landing.languages.defaultHint')}
        error={errors.defaultLanguage?.message}
        {...register('defaultLanguage')}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </SelectField>
      <fieldset
        className="space-y-2"
        aria-describedby={`offered-languages-hint${languagesError ? ' offered-languages-error' : ''}`}
      >
        <legend className="text-sm font-medium text-slate-800">{t('app.landing.languages.offered')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {LOCALES.map((locale) => (
            <label key={locale} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                value={locale}
                className="size-4 rounded border-slate-400"
                {...register('languages')}
              />
              <span lang={locale}>{LOCALE_NAMES[locale]}</span>
            </label>
          ))}
        </div>
        <p id="offered-languages-hint" className="text-xs text-slate-600">
          {t('app.landing.languages.offeredHint')}
        </p>
        {languagesError ? (
          <p id="offered-languages-error" role="alert" className="text-xs font-medium text-red-700">
            {languagesError}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
