import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { createSchoolInput } from '../../../../src/modules/tenants/procedures/signup-create-school.schema.ts';
import { queryClient, trpcClient } from '../../api.ts';
import { ApiProviders } from '../../components/layout/api-providers.tsx';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { signIn } from '../../lib/auth.ts';
import { appCodeOf } from '../../lib/errors.ts';
import { applyServerErrors } from '../../lib/forms.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { deviceLocale } from '../../lib/i18n/locale-choice.ts';
import { localisedResolver } from '../../lib/i18n/localised-resolver.ts';
import { useTRPC } from '../../trpc.ts';
import { AddressCheck } from './address-check.tsx';
import { AuthLayout, FormError } from './auth-layout.tsx';
import { suggestSchoolAddress } from './school-address.ts';

const FIELDS = ['schoolName', 'slug', 'ownerName', 'email', 'password'] as const;

/** `/app/sign-up`: a new school on the lite plan with its owner, who lands on the overview. */
export function SignUpPage() {
  const t = useT();
  return (
    <ApiProviders>
      <AuthLayout
        title={t('app.auth.signUp.title')}
        footer={
          <Message
            id="app.auth.signUp.haveAccount"
            values={{
              link: (chunks) => (
                <Link to="/sign-in" className="font-medium text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            }}
          />
        }
      >
        <SignUpForm />
      </AuthLayout>
    </ApiProviders>
  );
}

function SignUpForm() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const t = useT();
  const createSchool = useMutation(trpc.signup.createSchool.mutationOptions());
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: localisedResolver(createSchoolInput),
    defaultValues: { schoolName: '', slug: '', ownerName: '', email: '', password: '' },
  });
  const schoolName = useWatch({ control, name: 'schoolName' });
  const slug = useWatch({ control, name: 'slug' });

  // The address follows the name until the person types one (emptying it hands it back).
  const addressTyped = useRef(false);
  useEffect(() => {
    if (!addressTyped.current) setValue('slug', suggestSchoolAddress(schoolName), { shouldValidate: false });
  }, [schoolName, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    let school: { tenantId: number };
    try {
      school = await createSchool.mutateAsync({ ...values, timeZone });
    } catch (error) {
      if (appCodeOf(error) === 'RATE_LIMITED') {
        setError('root', { message: t('app.auth.signUp.rateLimited') });
      } else {
        applyServerErrors(error, setError, FIELDS);
      }
      return;
    }
    try {
      await signIn(values.email, values.password);
      // Someone adding a school to an account they have: open the new one, not their first.
      await trpcClient.viewer.switchTenant.mutate({ tenantId: school.tenantId });
    } catch {
      await navigate({ to: '/sign-in', search: { notice: 'school-created' } });
      return;
    }
    await adoptDeviceLanguage().catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/' });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.message} />
      <TextField
        label={t('app.auth.signUp.schoolName')}
        autoComplete="organization"
        error={errors.schoolName?.message}
        {...register('schoolName')}
      />
      <TextField
        label={t('app.auth.signUp.address')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        inputMode="url"
        error={errors.slug?.message}
        hint={<AddressCheck slug={slug} />}
        {...register('slug', {
          onChange: (event: { target: { value: string } }) => {
            addressTyped.current = event.target.value !== '';
          },
        })}
      />
      <TextField
        label={t('app.auth.signUp.yourName')}
        autoComplete="name"
        error={errors.ownerName?.message}
        {...register('ownerName')}
      />
      <TextField
        label={t('app.auth.emailLabel')}
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...register('email')}
      />
      <TextField
        label={t('app.auth.passwordLabel')}
        type="password"
        autoComplete="new-password"
        hint={t('app.auth.passwordHint')}
        error={errors.password?.message}
        {...register('password')}
      />
      <Button type="submit" className="w-full" busy={isSubmitting}>
        {t('app.auth.signUp.submit')}
      </Button>
      <p className="text-center text-xs text-slate-600">{t('app.auth.signUp.litePlan')}</p>
    </form>
  );
}

/**
 * A new owner signing up from, say, a French browser gets French as their account's language
 * (the app and their e-mails). An account that already chose a language other than English keeps
 * it; a failure here only leaves English, which the profile form can change.
 */
async function adoptDeviceLanguage(): Promise<void> {
  const locale = deviceLocale();
  if (locale === 'en') return;
  const me = await trpcClient.viewer.me.query();
  if (me.language !== 'en') return;
  await trpcClient.immersio.account.updateProfile.mutate({
    name: me.name,
    timeZone: me.timeZone,
    language: locale,
  });
}
