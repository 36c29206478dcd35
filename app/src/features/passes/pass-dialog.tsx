import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { createPassInput } from '../../../../src/modules/passes/procedures/create-pass.schema.ts';
import { updatePassInput } from '../../../../src/modules/passes/procedures/update-pass.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { FormError, SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { CURRENCIES, majorFromMinor, minorFromMajor } from '../workshops/money.ts';
import type { PassItem } from './types.ts';

interface PassValues {
  name: string;
  classes: string;
  /** In major units, as typed ("120.00"). */
  price: string;
  currency: string;
  validDays: string;
  coverage: 'all' | 'some';
  workshopIds: number[];
}

const FIELDS = ['name', 'classes', 'price', 'currency', 'validDays'] as const;
const fieldFor = (path: string) =>
  path.startsWith('workshopIds') ? 'workshopIds' : FIELDS.find((f) => f === path);
const count = (text: string) => (text.trim() === '' ? undefined : Number(text));

function valuesOf(pass: PassItem | null): PassValues {
  return pass
    ? {
        name: pass.name,
        classes: String(pass.classes),
        price: majorFromMinor(pass.price, pass.currency),
        currency: pass.currency,
        validDays: String(pass.validDays),
        coverage: pass.workshopIds === null ? 'all' : 'some',
        workshopIds: pass.workshopIds ?? [],
      }
    : {
        name: '',
        classes: '10',
        price: '',
        currency: 'USD',
        validDays: '90',
        coverage: 'all',
        workshopIds: [],
      };
}

/**
 * Creates a pass or edits one (its changes apply to purchases from then on: who bought it keeps
 * what they bought). Checked with the procedures' own schemas before anything is sent.
 */
export function PassDialog({ pass, onClose }: { pass: PassItem | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const workshops = useQuery(trpc.immersio.workshop.list.queryOptions({ limit: 100 }));
  const create = useMutation(trpc.immersio.pass.create.mutationOptions());
  const update = useMutation(trpc.immersio.pass.update.mutationOptions());
  const convert = (v: PassValues) => {
    const fields = {
      name: v.name,
      classes: count(v.classes),
      price: v.price.trim() === '' ? undefined : (minorFromMajor(v.price, v.currency) ?? Number.NaN),
      currency: v.currency,
      validDays: count(v.validDays),
    };
    if (pass) return { passId: pass.id, ...fields, workshopIds: v.coverage === 'all' ? null : v.workshopIds };
    return { ...fields, ...(v.coverage === 'some' ? { workshopIds: v.workshopIds } : {}) };
  };
  const form = useForm<PassValues>({
    defaultValues: valuesOf(pass),
    resolver: schemaResolver(pass ? updatePassInput : createPassInput, convert, fieldFor),
  });
  const { formState, setError, watch, setValue } = form;
  const coverage = watch('coverage');
  const chosen = watch('workshopIds');

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const input = convert(values);
      const saved = pass
        ? await update.mutateAsync(input as Parameters<typeof update.mutateAsync>[0])
        : await create.mutateAsync(input as Parameters<typeof create.mutateAsync>[0]);
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.pass.pathKey() });
      toast(t(pass ? 'app.passes.form.saved' : 'app.passes.form.onSale', { name: saved.name }));
      onClose();
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  const choices = (workshops.data?.workshops ?? []).filter(
    (w) => w.status !== 'archived' || chosen.includes(w.id),
  );
  const toggle = (id: number, on: boolean) =>
    setValue('workshopIds', on ? [...chosen, id] : chosen.filter((x) => x !== id), {
      shouldValidate: formState.isSubmitted,
    });

  return (
    <Dialog
      open
      wide
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={pass ? t('app.passes.form.editTitle', { name: pass.name }) : t('app.passes.form.newTitle')}
      description={pass ? t('app.passes.form.editDescription') : t('app.passes.form.newDescription')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.passes.cancel')}
          </Button>
          <Button type="submit" form="pass-form" busy={formState.isSubmitting}>
            {t(pass ? 'app.passes.form.save' : 'app.passes.form.create')}
          </Button>
        </>
      }
    >
      <form id="pass-form" onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          label={t('app.passes.form.name')}
          placeholder={t('app.passes.form.namePlaceholder')}
          maxLength={100}
          autoComplete="off"
          {...fieldProps(form, 'name')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('app.passes.adjust.classes')}
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            {...fieldProps(form, 'classes')}
          />
          <TextField
            label={t('app.passes.form.validDays')}
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            hint={t('app.passes.form.validHint')}
            {...fieldProps(form, 'validDays')}
          />
          <TextField label={t('app.passes.form.price')} inputMode="decimal" {...fieldProps(form, 'price')} />
          <SelectField label={t('app.passes.form.currency')} {...fieldProps(form, 'currency')}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-900">{t('app.passes.form.coverage')}</legend>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" value="all" className="size-4" {...form.register('coverage')} />
            {t('app.passes.form.all')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" value="some" className="size-4" {...form.register('coverage')} />
            {t('app.passes.form.some')}
          </label>
          {coverage === 'some' ? (
            <div
              className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-3"
              aria-describedby={formState.errors.workshopIds ? 'pass-workshops-error' : undefined}
            >
              {workshops.isPending ? (
                <p className="text-sm text-slate-600">{t('app.passes.form.loadingWorkshops')}</p>
              ) : null}
              {choices.map((w) => (
                <label key={w.id} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-400"
                    checked={chosen.includes(w.id)}
                    onChange={(event) => toggle(w.id, event.target.checked)}
                  />
                  {w.title}
                </label>
              ))}
              {workshops.data && choices.length === 0 ? (
                <p className="text-sm text-slate-600">{t('app.passes.form.noWorkshops')}</p>
              ) : null}
            </div>
          ) : null}
          {formState.errors.workshopIds?.message ? (
            <p id="pass-workshops-error" role="alert" className="text-xs font-medium text-red-700">
              {formState.errors.workshopIds.type === 'too_small'
                ? t('app.passes.form.chooseWorkshop')
                : formState.errors.workshopIds.message}
            </p>
          ) : null}
        </fieldset>
        <FormError message={formState.errors.root?.message} />
      </form>
    </Dialog>
  );
}
