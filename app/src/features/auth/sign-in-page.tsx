import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { signIn } from '../../lib/auth.ts';
import { HttpError } from '../../lib/http.ts';
import { type AppMessageKey, Message, useT } from '../../lib/i18n/i18n.tsx';
import { AuthLayout, FormError, FormNotice } from './auth-layout.tsx';
import type { SignInNotice } from './search.ts';

const NOTICES: Record<SignInNotice, AppMessageKey> = {
  'password-reset': 'app.auth.signIn.noticePasswordReset',
  'school-created': 'app.auth.signIn.noticeSchoolCreated',
};

interface SignInForm {
  email: string;
  password: string;
}

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const t = useT();
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
          ? t('app.auth.tooManyAttempts')
          : error instanceof HttpError && error.status === 401
            ? t('app.auth.signIn.badCredentials')
            : t('app.auth.signIn.failed');
      setError('root', { message });
      return;
    }
    // Whatever an earlier session left in the cache is not this person's.
    (await import('../../api.ts')).queryClient.clear();
    await navigate({ href: search.redirect ?? '/' });
  });

  return (
    <AuthLayout
      title={t('app.auth.signIn.title')}
      footer={
        <Message
          id="app.auth.signIn.newHere"
          values={{
            link: (chunks) => (
              <Link to="/sign-up" className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          }}
        />
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {search.notice ? <FormNotice message={t(NOTICES[search.notice])} /> : null}
        <FormError message={errors.root?.message} />
        <TextField
          label={t('app.auth.emailLabel')}
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...register('email', { required: t('app.auth.signIn.emailRequired') })}
        />
        <TextField
          label={t('app.auth.passwordLabel')}
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...register('password', { required: t('app.auth.signIn.passwordRequired') })}
        />
        <Button type="submit" className="w-full" busy={isSubmitting}>
          {t('app.auth.signIn.submit')}
        </Button>
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="text-brand-700 underline">
            {t('app.auth.signIn.forgot')}
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
