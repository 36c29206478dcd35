import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { changePasswordInput } from '../../../../src/modules/viewer/procedures/account.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField, FormError, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { ACCOUNT_CARD, AccountSection } from './account-section.tsx';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  signOutOtherSessions: boolean;
}

const FIELDS = ['currentPassword', 'newPassword', 'signOutOtherSessions'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);
const convert = (v: PasswordValues) => v;
const EMPTY: PasswordValues = { currentPassword: '', newPassword: '', signOutOtherSessions: true };

/** A new password, proven by the current one; other sessions end too unless unticked. */
export function PasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const change = useMutation(trpc.immersio.account.changePassword.mutationOptions());
  const form = useForm<PasswordValues>({
    defaultValues: EMPTY,
    resolver: schemaResolver(changePasswordInput, convert, fieldFor),
  });
  const { register, formState, setError, reset } = form;
  const { errors } = formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await change.mutateAsync(values);
      reset(EMPTY);
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.account.listSessions.queryKey() });
      toast(t('app.account.password.changedToast'), {
        description: result.signedOutOtherSessions ? t('app.account.password.othersSignedOut') : undefined,
      });
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <AccountSection id="password" title={t('app.account.password.title')}>
      <form onSubmit={onSubmit} noValidate className={ACCOUNT_CARD}>
        <TextField
          label={t('app.account.password.currentLabel')}
          type="password"
          autoComplete="current-password"
          {...fieldProps(form, 'currentPassword')}
        />
        <TextField
          label={t('app.account.password.newLabel')}
          type="password"
          autoComplete="new-password"
          hint={t('app.account.password.newHint')}
          {...fieldProps(form, 'newPassword')}
        />
        <CheckboxField
          label={t('app.account.password.signOutOthers')}
          hint={t('app.account.password.signOutOthersHint')}
          {...register('signOutOtherSessions')}
        />
        <FormError message={errors.root?.message} />
        <Button type="submit" busy={formState.isSubmitting}>
          {t('app.account.password.submit')}
        </Button>
      </form>
    </AccountSection>
  );
}
