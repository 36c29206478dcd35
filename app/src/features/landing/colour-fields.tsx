import type { UseFormReturn } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import { TextField } from '../../components/ui/field.tsx';
import { contrastWarnings } from './contrast.ts';
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
  const value = useWatch({ control: form.control, name });
  const error = form.formState.errors[name]?.message;
  return (
    <div className="flex items-start gap-2">
      <TextField
        label={label}
        hint={hint}
        error={error}
        placeholder={name === 'primaryColor' ? '#0066FF' : 'None'}
        spellCheck={false}
        autoComplete="off"
        fieldClassName="min-w-0 flex-1"
        {...form.register(name)}
      />
      <input
        type="color"
        aria-label={`Pick the ${label.toLowerCase()}`}
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
  const warnings = contrastWarnings({ primaryColor, secondaryColor });
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <ColourField
          form={form}
          name="primaryColor"
          label="Primary colour"
          hint="Buttons, headings and links."
        />
        <ColourField
          form={form}
          name="secondaryColor"
          label="Secondary colour"
          hint="Accents. Leave empty to use the primary colour."
        />
      </div>
      <div role="status" aria-live="polite">
        {warnings.length > 0 ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p className="font-semibold">Poor contrast</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {warnings.map((w) => (
                <li key={w.id}>{w.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
