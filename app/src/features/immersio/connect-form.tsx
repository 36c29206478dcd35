import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { connectInput } from '../../../../src/modules/immersio/procedures/connect.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { FormError, TextField } from '../../components/ui/field.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import type { Connection, ConnectResult } from './types.ts';

interface ConnectValues {
  immersioOrgId: string;
  apiKey: string;
  webhookUrl: string;
}

const FIELDS = ['immersioOrgId', 'apiKey', 'webhookUrl'];
const fieldFor = (path: string) => (FIELDS.includes(path) ? path : undefined);
const convert = (v: ConnectValues) => ({
  immersioOrgId: v.immersioOrgId,
  apiKey: v.apiKey,
  webhookUrl: v.webhookUrl.trim() === '' ? undefined : v.webhookUrl.trim(),
});

/**
 * Connects (or reconnects) the school: the key is always asked again, since it is never shown
 * back. A refused test answers 200 with the reason, which the card shows; nothing is saved.
 */
export function ConnectForm({
  connection,
  onResult,
  onCancel,
}: {
  connection: Connection | null;
  onResult: (result: ConnectResult) => void;
  onCancel?: (() => void) | undefined;
}) {
  const trpc = useTRPC();
  const t = useT();
  const queryClient = useQueryClient();
  const connect = useMutation(trpc.immersio.integration.connect.mutationOptions());
  const form = useForm<ConnectValues>({
    defaultValues: {
      immersioOrgId: connection?.immersioOrgId ?? '',
      apiKey: '',
      webhookUrl: connection?.webhookUrl ?? '',
    },
    resolver: schemaResolver(connectInput, convert, fieldFor),
  });
  const { formState, setError } = form;
  const { errors } = formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await connect.mutateAsync(convert(values));
      onResult(result);
      if (result.success) {
        form.reset({ ...values, apiKey: '' });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.get.queryKey() }),
        ]);
      }
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="mt-4 max-w-xl space-y-4"
      aria-label={t('app.immersio.connect.formLabel')}
    >
      <TextField
        label={t('app.immersio.connect.orgId')}
        hint={t('app.immersio.connect.orgIdHint')}
        autoComplete="off"
        spellCheck={false}
        {...fieldProps(form, 'immersioOrgId')}
      />
      <TextField
        label={t('app.immersio.connect.apiKey')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        hint={connection ? t('app.immersio.connect.apiKeyHint') : undefined}
        {...fieldProps(form, 'apiKey')}
      />
      <TextField
        label={t('app.immersio.connect.webhookUrl')}
        type="url"
        inputMode="url"
        placeholder={t('app.immersio.connect.webhookUrlPlaceholder')}
        hint={t('app.immersio.connect.webhookUrlHint')}
        {...fieldProps(form, 'webhookUrl')}
      />
      <FormError message={errors.root?.message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={formState.isSubmitting}>
          {formState.isSubmitting ? t('app.immersio.connect.testing') : t('app.immersio.connect.submit')}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('app.immersio.connect.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
