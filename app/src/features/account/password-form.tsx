import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { changePasswordInput } from '../../../../src/modules/viewer/procedures/account.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';

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
      toast('Password changed', {
        description: result.signedOutOtherSessions ? 'Your other sessions were signed out.' : undefined,
      });
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-lg font-semibold text-slate-900">
        Password
      </h2>
      <form
        onSubmit={onSubmit}
        noValidate
        className="mt-3 space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <CheckboxField
          label="Sign out my other sessions"
          hint="Recommended: anyone signed in with the old password is signed out."
          {...register('signOutOtherSessions')}
        />
        {errors.root?.message ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {errors.root.message}
          </p>
        ) : null}
        <Button type="submit" busy={formState.isSubmitting}>
          Change password
        </Button>
      </form>
    </section>
  );
}
