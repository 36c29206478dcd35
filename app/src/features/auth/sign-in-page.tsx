import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { signIn } from '../../lib/auth.ts';
import { HttpError } from '../../lib/http.ts';
import { AuthLayout, FormError, FormNotice } from './auth-layout.tsx';
import type { SignInNotice } from './search.ts';

const NOTICES: Record<SignInNotice, string> = {
  'password-reset': 'Your password has been changed. Sign in with the new one.',
  'school-created': 'Your school is ready. Sign in to continue.',
};

interface SignInForm {
  email: string;
  password: string;
}

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInForm>();

  const onSubmit = handleSubmit(async (values) => {
    try {
      await signIn(values.email.trim(), values.password);
    } catch (error) {
      const message =
        error instanceof HttpError && error.code === 'RATE_LIMITED'
          ? 'Too many attempts. Wait a minute and try again.'
          : error instanceof HttpError && error.status === 401
            ? 'That email and password do not match an account.'
            : 'Could not sign in. Please try again.';
      setError('root', { message });
      return;
    }
    // Whatever an earlier session left in the cache is not this person's.
    (await import('../../api.ts')).queryClient.clear();
    await navigate({ href: search.redirect ?? '/' });
  });

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <>
          New here?{' '}
          <Link to="/sign-up" className="font-medium text-brand-700 underline">
            Create your school
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {search.notice ? <FormNotice message={NOTICES[search.notice]} /> : null}
        <FormError message={errors.root?.message} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...register('email', { required: 'Enter your email address' })}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...register('password', { required: 'Enter your password' })}
        />
        <Button type="submit" className="w-full" busy={isSubmitting}>
          Sign in
        </Button>
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="text-brand-700 underline">
            Forgot your password?
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
