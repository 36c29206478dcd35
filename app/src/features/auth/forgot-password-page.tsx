import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { requestPasswordResetInput } from '../../../../src/modules/auth/password-reset.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { applyServerErrors } from '../../lib/forms.ts';
import { HttpError, postJson } from '../../lib/http.ts';
import { AuthLayout, FormError } from './auth-layout.tsx';

const BACK_TO_SIGN_IN = (
  <Link to="/sign-in" className="font-medium text-brand-700 underline">
    Back to sign in
  </Link>
);

/** `/app/forgot-password`: asks for a reset link by e-mail. */
export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <AuthLayout title="Check your inbox" footer={BACK_TO_SIGN_IN}>
        <div role="status" className="space-y-3 text-sm text-slate-700">
          <p>
            If <span className="font-medium text-slate-900">{sentTo}</span> has an account, we have sent it a
            link to choose a new password. The link works once, for 60 minutes.
          </p>
          <p>Nothing there after a few minutes? Look in your spam folder, or check the address.</p>
        </div>
        <Button variant="secondary" className="mt-5 w-full" onClick={() => setSentTo(null)}>
          Use another address
        </Button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Reset your password" footer={BACK_TO_SIGN_IN}>
      <RequestForm onSent={setSentTo} />
    </AuthLayout>
  );
}

function RequestForm({ onSent }: { onSent: (email: string) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(requestPasswordResetInput), defaultValues: { email: '' } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await postJson('/api/auth/request-password-reset', values);
    } catch (error) {
      if (error instanceof HttpError && error.code === 'RATE_LIMITED') {
        setError('root', { message: 'Too many requests for now. Wait a while and try again.' });
      } else {
        applyServerErrors(error, setError, ['email']);
      }
      return;
    }
    onSent(values.email);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">Enter the email you sign in with and we will send you a link.</p>
      <FormError message={errors.root?.message} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...register('email')}
      />
      <Button type="submit" className="w-full" busy={isSubmitting}>
        Send reset link
      </Button>
    </form>
  );
}
