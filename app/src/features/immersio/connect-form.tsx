import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { connectInput } from '../../../../src/modules/immersio/procedures/connect.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { FormError, TextField } from '../../components/ui/field.tsx';
import { fieldProps } from '../../lib/forms.ts';
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
    <form onSubmit={onSubmit} noValidate className="mt-4 max-w-xl space-y-4" aria-label="Immersio connection">
      <TextField
        label="Organisation id"
        hint="Immersio shows it in your organisation’s settings, e.g. org_123."
        autoComplete="off"
        spellCheck={false}
        {...fieldProps(form, 'immersioOrgId')}
      />
      <TextField
        label="API key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        hint={connection ? 'Enter the key again: it is stored encrypted and never shown.' : undefined}
        {...fieldProps(form, 'apiKey')}
      />
      <TextField
        label="Webhook URL (optional)"
        type="url"
        inputMode="url"
        placeholder="https://…"
        hint="Where workshop and booking events are sent. Leave it empty to send none."
        {...fieldProps(form, 'webhookUrl')}
      />
      <FormError message={errors.root?.message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={formState.isSubmitting}>
          {formState.isSubmitting ? 'Testing the connection…' : 'Test and connect'}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
