import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { changeEmailInput } from '../../../../src/modules/viewer/procedures/change-email.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { FormError, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { fieldProps } from '../../lib/forms.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { ACCOUNT_CARD, AccountSection } from './account-section.tsx';

const route = getRouteApi('/staff/account');

interface EmailValues {
  newEmail: string;
  currentPassword: string;
}

const FIELDS = ['newEmail', 'currentPassword'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);
const convert = (v: EmailValues) => v;
const EMPTY: EmailValues = { newEmail: '', currentPassword: '' };

/**
 * The sign-in address. A new one is confirmed by a link mailed to it (better-auth's change-email):
 * until that link is followed the account keeps its address, and the form says so. The link lands
 * back here with `?email=changed` (or why it did not work), told once as a toast.
 */
export function EmailForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const { me } = useViewer();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const change = useMutation(trpc.immersio.account.changeEmail.mutationOptions());
  const [pending, setPending] = useState<string | null>(null);
  // Focus follows the swap between the form and the notice, so it is never left on nothing.
  const noticeRef = useRef<HTMLDivElement>(null);
  const swapped = useRef(false);
  const form = useForm<EmailValues>({
    defaultValues: EMPTY,
    resolver: schemaResolver(changeEmailInput, convert, fieldFor),
  });
  const { formState, setError, reset } = form;
  const { errors } = formState;

  useEffect(() => {
    if (!swapped.current) return;
    swapped.current = false;
    if (pending) noticeRef.current?.focus();
    else form.setFocus('newEmail');
  }, [pending, form]);

  const landed = useRef(false);
  useEffect(() => {
    if (!search.email || landed.current) return;
    landed.current = true;
    const outcome = search.email;
    void navigate({ search: {}, replace: true });
    if (outcome === 'changed') {
      void queryClient.invalidateQueries({ queryKey: trpc.viewer.me.queryKey() });
      toast(t('app.account.email.changedToast'), { description: t('app.account.email.changedDescription') });
    } else {
      toast(t('app.account.email.notChangedToast'), {
        tone: 'error',
        description:
          outcome === 'taken'
            ? t('app.account.email.takenDescription')
            : t('app.account.email.invalidDescription'),
      });
    }
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await change.mutateAsync(values);
      reset(EMPTY);
      swapped.current = true;
      setPending(result.pendingEmail);
    } catch (error) {
      if (appCodeOf(error) === 'CONFLICT') {
        setError('newEmail', { type: 'server', message: t('app.account.email.conflict') });
      } else {
        placeServerIssues(error, setError, fieldFor);
      }
    }
  });

  return (
    <AccountSection id="email" title={t('app.account.email.title')}>
      <div className={ACCOUNT_CARD}>
        <TextField
          label={t('app.account.email.currentLabel')}
          type="email"
          value={me.email}
          readOnly
          hint={t('app.account.email.currentHint')}
        />
        {pending ? (
          <div
            ref={noticeRef}
            tabIndex={-1}
            role="status"
            className="space-y-3 rounded-md bg-brand-50 p-3 text-sm text-slate-800"
          >
            <p>
              <Message
                id="app.account.email.pending"
                values={{
                  pending,
                  email: me.email,
                  strong: (chunks) => <strong className="font-medium">{chunks}</strong>,
                }}
              />
            </p>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                swapped.current = true;
                setPending(null);
              }}
            >
              {t('app.account.email.useAnother')}
            </Button>
          </div>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            <TextField
              label={t('app.account.email.newLabel')}
              type="email"
              autoComplete="email"
              maxLength={254}
              hint={t('app.account.email.newHint')}
              {...fieldProps(form, 'newEmail')}
            />
            <TextField
              label={t('app.account.email.passwordLabel')}
              type="password"
              autoComplete="current-password"
              hint={t('app.account.email.passwordHint')}
              {...fieldProps(form, 'currentPassword')}
            />
            <FormError message={errors.root?.message} />
            <Button type="submit" busy={formState.isSubmitting}>
              {t('app.account.email.submit')}
            </Button>
          </form>
        )}
      </div>
    </AccountSection>
  );
}
