import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { updateStripeCredentialsInput } from '../../../../src/modules/tenants/procedures/update-stripe-credentials.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { FormError, TextField } from '../../components/ui/field.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';

interface PasteValues {
  stripeAccountId: string;
  stripePublishableKey: string;
}

const FIELDS = ['stripeAccountId', 'stripePublishableKey'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);

/**
 * For a school that already has a Stripe account connected to the platform: its id and
 * publishable key (the spec's updateStripeCredentials, which checks the account with Stripe).
 */
export function PasteAccountForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const trpc = useTRPC();
  const t = useT();
  const save = useMutation(trpc.immersio.tenant.updateStripeCredentials.mutationOptions());
  const form = useForm<PasteValues>({
    defaultValues: { stripeAccountId: '', stripePublishableKey: '' },
    resolver: schemaResolver(updateStripeCredentialsInput, (v) => v, fieldFor),
  });
  const { formState, setError, reset } = form;
  const { errors } = formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      reset();
      await onSaved();
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <section aria-labelledby="paste-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="paste-title" className="text-lg font-semibold text-slate-900">
        {t('app.payments.paste.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('app.payments.paste.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 grid max-w-xl gap-4">
        <TextField
          label={t('app.payments.paste.accountId')}
          placeholder={t('app.payments.paste.accountIdPlaceholder')}
          autoComplete="off"
          {...fieldProps(form, 'stripeAccountId')}
        />
        <TextField
          label={t('app.payments.paste.key')}
          placeholder={t('app.payments.paste.keyPlaceholder')}
          autoComplete="off"
          {...fieldProps(form, 'stripePublishableKey')}
        />
        <FormError message={errors.root?.message} />
        <div>
          <Button type="submit" variant="secondary" busy={formState.isSubmitting}>
            {t('app.payments.paste.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
