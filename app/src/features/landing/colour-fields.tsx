import type { UseFormReturn } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import { TextField } from '../../components/ui/field.tsx';
import { intlLocale, useT } from '../../lib/i18n/i18n.tsx';
import { type ContrastWarning, contrastWarnings, formatRatio, MIN_RATIO } from './contrast.ts';
import type { LandingFormValues } from './landing-form-model.ts';

const HEX = /^#[0-9A-Fa-f]{6}$/;

function ColourField({
  form,
  name,
  label,
  hint,
}: {
  form: UseFormReturn<LandingFormValues>;
  name: 'primaryColor' | 'secondaryColor';
  label: string;
  hint: string;
}) {
  const t = useT();
  const value = useWatch({ control: form.control, name });
  const error = form.formState.errors[name]?.message;
  return (
    <div className="flex items-start gap-2">
      <TextField
        label={label}
        hint={hint}
        error={error}
        placeholder={name === 'primaryColor' ? '#0066FF' : t('app.landing.colours.none')}
        spellCheck={false}
        autoComplete="off"
        fieldClassName="min-w-0 flex-1"
        {...form.register(name)}
      />
      <input
        type="color"
        aria-label={t('app.landing.colours.pick', {
          which: name === 'primaryColor' ? 'primary' : 'secondary',
        })}
        className="mt-6 h-10 w-12 shrink-0 cursor-pointer rounded border border-slate-300 bg-white p-1"
        value={HEX.test(value) ? value.toLowerCase() : '#ffffff'}
        onChange={(event) =>
          form.setValue(name, event.target.value.toUpperCase(), {
            shouldDirty: true,
            shouldValidate: form.formState.isSubmitted,
          })
        }
      />
    </div>
  );
}

/** The two brand colours, each with a picker, and a warning for each pair that reads poorly. */
export function ColourFields({ form }: { form: UseFormReturn<LandingFormValues> }) {
  const [primaryColor, secondaryColor] = useWatch({
    control: form.control,
    name: ['primaryColor', 'secondaryColor'],
  });
  const t = useT();
  const warnings = contrastWarnings({ primaryColor, secondaryColor });
  const warningText = (w: ContrastWarning) => {
    const values = {
      which: w.which,
      colour: w.colour,
      ratio: formatRatio(w.ratio, intlLocale()),
      min: formatRatio(MIN_RATIO, intlLocale()),
    };
    return w.id.endsWith('-text')
      ? t('app.landing.colours.textWarning', values)
      : t('app.landing.colours.fillWarning', values);
  };
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <ColourField
          form={form}
          name="primaryColor"
          label={t('app.landing.colours.primary')}
          hint={t('app.landing.colours.primaryHint')}
        />
        <ColourField
          form={form}
          name="secondaryColor"
          label={t('app.landing.colours.secondary')}
          hint={t('app.landing.colours.secondaryHint')}
        />
      </div>
      <div role="status" aria-live="polite">
        {warnings.length > 0 ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p className="font-semibold">{t('app.landing.colours.poorContrast')}</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {warnings.map((w) => (
                <li key={w.id}>{warningText(w)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
