import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { requestPasswordResetInput } from '../../../../src/modules/auth/password-reset.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { applyServerErrors } from '../../lib/forms.ts';
import { HttpError, postJson } from '../../lib/http.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { localisedResolver } from '../../lib/i18n/localised-resolver.ts';
import { AuthLayout, FormError } from './auth-layout.tsx';

function BackToSignIn() {
  const t = useT();
  return (
    <Link to="/sign-in" className="font-medium text-brand-700 underline">
      {t('app.auth.backToSignIn')}
    </Link>
  );
}

/** `/app/forgot-password`: asks for a reset link by e-mail. */
export function ForgotPasswordPage() {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <AuthLayout title={t('app.auth.forgot.checkInbox')} footer={<BackToSignIn />}>
        <div role="status" className="space-y-3 text-sm text-slate-700">
          <p>
            <Message
              id="app.auth.forgot.sentBody"
              values={{
                email: sentTo,
                b: (chunks) => <span className="font-medium text-slate-900">{chunks}</span>,
              }}
            />
          </p>
          <p>{t('app.auth.forgot.spam')}</p>
        </div>
        <Button variant="secondary" className="mt-5 w-full" onClick={() => setSentTo(null)}>
          {t('app.auth.forgot.useAnother')}
        </Button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('app.auth.forgot.title')} footer={<BackToSignIn />}>
      <RequestForm onSent={setSentTo} />
    </AuthLayout>
  );
}

function RequestForm({ onSent }: { onSent: (email: string) => void }) {
  const t = useT();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: localisedResolver(requestPasswordResetInput), defaultValues: { email: '' } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await postJson('/api/auth/request-password-reset', values);
    } catch (error) {
      if (error instanceof HttpError && error.code === 'RATE_LIMITED') {
        setError('root', { message: t('app.auth.forgot.rateLimited') });
      } else {
        applyServerErrors(error, setError, ['email']);
      }
      return;
    }
    onSent(values.email);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">{t('app.auth.forgot.intro')}</p>
      <FormError message={errors.root?.message} />
      <TextField
        label={t('app.auth.emailLabel')}
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...register('email')}
      />
      <Button type="submit" className="w-full" busy={isSubmitting}>
        {t('app.auth.forgot.submit')}
      </Button>
    </form>
  );
}
