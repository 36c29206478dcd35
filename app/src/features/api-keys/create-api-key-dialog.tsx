import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createApiKeyInput } from '../../../../src/modules/api-keys/procedures/create-api-key.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { FormError, SelectField, TextField } from '../../components/ui/field.tsx';
import { ResultDialog } from '../../components/ui/result-dialog.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { EXPIRY_CHOICES, type ExpiryChoice, expiresAtFor } from './expiry.ts';

interface NewKeyValues {
  name: string;
  expiry: ExpiryChoice;
}

const fieldFor = (path: string) => (path === 'name' ? 'name' : path === 'expiresAt' ? 'expiry' : undefined);
const convert = (v: NewKeyValues) => ({ name: v.name, expiresAt: expiresAtFor(v.expiry) });

/**
 * Names a new key and its lifetime, then shows the key: once, with a copy button. Closing the
 * dialog forgets it; only its first characters are ever shown again.
 */
export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useT();
  const create = useMutation(trpc.immersio.apiKey.create.mutationOptions());
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const form = useForm<NewKeyValues>({
    defaultValues: { name: '', expiry: 'never' },
    resolver: schemaResolver(createApiKeyInput, convert, fieldFor),
  });
  const { formState, setError } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const key = await create.mutateAsync(convert(values));
      setCreated({ name: key.name, key: key.key });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.apiKey.list.queryKey() });
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  if (created) {
    return (
      <ResultDialog
        title={t('app.apiKeys.create.createdTitle', { name: created.name })}
        description={t('app.apiKeys.create.createdDescription')}
        onClose={onClose}
      >
        <CopyField
          label={t('app.apiKeys.create.keyLabel')}
          value={created.key}
          copyLabel={t('app.apiKeys.create.copyKey')}
          what="key"
          hint={t('app.apiKeys.create.keyHint')}
        />
      </ResultDialog>
    );
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.apiKeys.create.title')}
      description={t('app.apiKeys.create.description')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.ui.cancel')}
          </Button>
          <Button type="submit" form="new-api-key" busy={formState.isSubmitting}>
            {t('app.apiKeys.create.submit')}
          </Button>
        </>
      }
    >
      <form id="new-api-key" onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          label={t('app.apiKeys.create.nameLabel')}
          placeholder={t('app.apiKeys.create.namePlaceholder')}
          maxLength={100}
          autoComplete="off"
          {...fieldProps(form, 'name')}
        />
        <SelectField label={t('app.apiKeys.create.expiresLabel')} {...fieldProps(form, 'expiry')}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {t(choice.label, { days: choice.days ?? 0 })}
            </option>
          ))}
        </SelectField>
        <FormError message={formState.errors.root?.message} />
      </form>
    </Dialog>
  );
}
