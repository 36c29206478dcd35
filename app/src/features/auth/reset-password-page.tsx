import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { newPassword } from '../../../../src/modules/auth/account-fields.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { applyServerErrors } from '../../lib/forms.ts';
import { HttpError, postJson } from '../../lib/http.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { localisedResolver } from '../../lib/i18n/localised-resolver.ts';
import { AuthLayout, FormError } from './auth-layout.tsx';

// The route's own password rule, plus the second entry that catches a typo.
// Built per language: the mismatch message is the form's own.
function resetForm(t: (key: AppMessageKey) => string) {
  return z
    .object({ newPassword, confirmPassword: z.string() })
    .refine((values) => values.newPassword === values.confirmPassword, {
      path: ['confirmPassword'],
      message: t('app.auth.reset.mismatch'),
    });
}

/** `/app/reset-password?token=…`: the page the reset e-mail links to. */
export function ResetPasswordPage() {
  const { token, error } = useSearch({ from: '/reset-password' });
  const [expired, setExpired] = useState(false);
  const t = useT();
  if (!token || error || expired) return <LinkNotUsable />;
  return (
    <AuthLayout title={t('app.auth.reset.title')}>
      <ResetForm token={token} onExpired={() => setExpired(true)} />
    </AuthLayout>
  );
}

function LinkNotUsable() {
  const t = useT();
  return (
    <AuthLayout
      title={t('app.auth.reset.unusableTitle')}
      footer={
        <Link to="/sign-in" className="font-medium text-brand-700 underline">
          {t('app.auth.backToSignIn')}
        </Link>
      }
    >
      <p role="alert" className="text-sm text-slate-700">
        {t('app.auth.reset.unusableBody')}
      </p>
      <Link
        to="/forgot-password"
        className="mt-5 inline-flex h-10 w-full items-center justify-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t('app.auth.reset.askNew')}
      </Link>
    </AuthLayout>
  );
}

function ResetForm({ token, onExpired }: { token: string; onExpired: () => void }) {
  const navigate = useNavigate();
  const t = useT();
  const schema = useMemo(() => resetForm(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: localisedResolver(schema),
    defaultValues: { newPassword: '', confirmPassword: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await postJson('/api/auth/reset-password', { token, newPassword: values.newPassword });
    } catch (error) {
      if (error instanceof HttpError && error.code === 'INVALID_TOKEN') onExpired();
      else if (error instanceof HttpError && error.code === 'RATE_LIMITED') {
        setError('root', { message: t('app.auth.tooManyAttempts') });
      } else applyServerErrors(error, setError, ['newPassword']);
      return;
    }
    await navigate({ to: '/sign-in', search: { notice: 'password-reset' } });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">{t('app.auth.reset.intro')}</p>
      <FormError message={errors.root?.message} />
      <TextField
        label={t('app.auth.reset.newLabel')}
        type="password"
        autoComplete="new-password"
        hint={t('app.auth.passwordHint')}
        error={errors.newPassword?.message}
        {...register('newPassword')}
      />
      <TextField
        label={t('app.auth.reset.confirmLabel')}
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...register('confirmPassword')}
      />
      <Button type="submit" className="w-full" busy={isSubmitting}>
        {t('app.auth.reset.submit')}
      </Button>
    </form>
  );
}
