import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { newPassword } from '../../../../src/modules/auth/account-fields.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { applyServerErrors } from '../../lib/forms.ts';
import { HttpError, postJson } from '../../lib/http.ts';
import { AuthLayout, FormError } from './auth-layout.tsx';

// The route's own password rule, plus the second entry that catches a typo.
const resetForm = z
  .object({ newPassword, confirmPassword: z.string() })
  .refine((values) => values.newPassword === values.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  });

/** `/app/reset-password?token=…`: the page the reset e-mail links to. */
export function ResetPasswordPage() {
  const { token, error } = useSearch({ from: '/reset-password' });
  const [expired, setExpired] = useState(false);
  if (!token || error || expired) return <LinkNotUsable />;
  return (
    <AuthLayout title="Choose a new password">
      <ResetForm token={token} onExpired={() => setExpired(true)} />
    </AuthLayout>
  );
}

function LinkNotUsable() {
  return (
    <AuthLayout
      title="This link cannot be used"
      footer={
        <Link to="/sign-in" className="font-medium text-brand-700 underline">
          Back to sign in
        </Link>
      }
    >
      <p role="alert" className="text-sm text-slate-700">
        This password reset link is invalid or has expired. Links work once, for 60 minutes.
      </p>
      <Link
        to="/forgot-password"
        className="mt-5 inline-flex h-10 w-full items-center justify-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
      >
        Ask for a new link
      </Link>
    </AuthLayout>
  );
}

function ResetForm({ token, onExpired }: { token: string; onExpired: () => void }) {
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(resetForm), defaultValues: { newPassword: '', confirmPassword: '' } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await postJson('/api/auth/reset-password', { token, newPassword: values.newPassword });
    } catch (error) {
      if (error instanceof HttpError && error.code === 'INVALID_TOKEN') onExpired();
      else if (error instanceof HttpError && error.code === 'RATE_LIMITED') {
        setError('root', { message: 'Too many attempts. Wait a minute and try again.' });
      } else applyServerErrors(error, setError, ['newPassword']);
      return;
    }
    await navigate({ to: '/sign-in', search: { notice: 'password-reset' } });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">Setting a new password signs you out on every device.</p>
      <FormError message={errors.root?.message} />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        error={errors.newPassword?.message}
        {...register('newPassword')}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...register('confirmPassword')}
      />
      <Button type="submit" className="w-full" busy={isSubmitting}>
        Set new password
      </Button>
    </form>
  );
}
