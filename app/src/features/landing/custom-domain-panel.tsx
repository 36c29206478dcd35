import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { setCustomDomainInput } from '../../../../src/modules/landing/custom-domain/procedures/custom-domain.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { FormError, TextField } from '../../components/ui/field.tsx';
import { Badge, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';

type DomainValues = { domain: string };
const convert = (values: DomainValues) => ({ domain: values.domain });
const fieldFor = (path: string) => (path === 'domain' ? 'domain' : undefined);

/**
 * The school's own domain (issue 20): claim one, publish the DNS records shown, check, and from
 * then on the booking site answers on it; or give it up.
 */
export function CustomDomainPanel() {
  const t = useT();
  const trpc = useTRPC();
  const query = useQuery(trpc.immersio.landing.getCustomDomain.queryOptions({}));
  return (
    <section
      aria-labelledby="custom-domain-title"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="custom-domain-title" className="text-lg font-semibold text-slate-900">
        {t('app.landing.domain.title')}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">{t('app.landing.domain.description')}</p>
      {query.isPending ? (
        <Spinner label={t('app.landing.domain.loading')} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.domain === null ? (
        <DomainForm />
      ) : (
        <DomainStatus claim={query.data} />
      )}
    </section>
  );
}

function useSetQueryData() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (data: unknown) =>
    queryClient.setQueryData(trpc.immersio.landing.getCustomDomain.queryKey({}), data as never);
}

function DomainForm() {
  const t = useT();
  const trpc = useTRPC();
  const setData = useSetQueryData();
  const save = useMutation(trpc.immersio.landing.setCustomDomain.mutationOptions());
  const form = useForm<DomainValues>({
    defaultValues: { domain: '' },
    resolver: schemaResolver(setCustomDomainInput, convert, fieldFor),
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      setData(await save.mutateAsync(convert(values)));
    } catch (error) {
      placeServerIssues(error, form.setError, fieldFor);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <TextField
        label={t('app.landing.domain.label')}
        placeholder={t('app.landing.domain.placeholder')}
        autoComplete="off"
        spellCheck={false}
        hint={t('app.landing.domain.hint')}
        {...fieldProps(form, 'domain')}
      />
      <FormError message={form.formState.errors.root?.message} />
      <Button type="submit" busy={form.formState.isSubmitting}>
        {t('app.landing.domain.use')}
      </Button>
    </form>
  );
}

interface Claim {
  domain: string;
  cnameTarget: string;
  status: 'pending' | 'verified';
  record: { type: 'TXT'; name: string; value: string };
  checkedAt: Date | null;
  checkError: string | null;
}

function DomainStatus({ claim }: { claim: Claim }) {
  const t = useT();
  const trpc = useTRPC();
  const toast = useToast();
  const errorText = useErrorText();
  const setData = useSetQueryData();
  const verify = useMutation(trpc.immersio.landing.verifyCustomDomain.mutationOptions());
  const remove = useMutation(trpc.immersio.landing.setCustomDomain.mutationOptions());
  const [removing, setRemoving] = useState(false);
  const check = async () => {
    try {
      const result = await verify.mutateAsync({});
      setData(result);
      if (result.domain !== null && result.status === 'verified')
        toast(t('app.landing.domain.verifiedToast'));
    } catch (error) {
      toast(t('app.landing.domain.checkFailed'), {
        tone: 'error',
        description: errorText(error, 'app.landing.tryAgain'),
      });
    }
  };
  const verified = claim.status === 'verified';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-mono text-sm text-slate-900">{claim.domain}</span>
        {verified ? (
          <Badge tone="green">{t('app.landing.domain.verified')}</Badge>
        ) : (
          <Badge tone="amber">{t('app.landing.domain.pending')}</Badge>
        )}
      </div>
      {verified ? (
        <p className="text-sm text-slate-700">
          {t('app.landing.domain.live')}{' '}
          <a className="font-medium text-blue-700 underline" href={`https://${claim.domain}`}>
            {`https://${claim.domain}`}
          </a>
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t('app.landing.domain.steps')}</p>
          <CopyField
            label={t('app.landing.domain.txtName')}
            value={claim.record.name}
            copyLabel={t('app.landing.domain.copy')}
            what="link"
            size="sm"
          />
          <CopyField
            label={t('app.landing.domain.txtValue')}
            value={claim.record.value}
            copyLabel={t('app.landing.domain.copy')}
            what="secret"
            size="sm"
          />
          <CopyField
            label={t('app.landing.domain.cname', { domain: claim.domain })}
            value={claim.cnameTarget}
            copyLabel={t('app.landing.domain.copy')}
            what="link"
            size="sm"
          />
          {claim.checkError ? (
            <p role="status" className="text-sm text-amber-800">
              {t('app.landing.domain.lastCheck', { reason: claim.checkError })}
            </p>
          ) : null}
        </>
      )}
      <div className="flex flex-wrap gap-2">
        {verified ? null : (
          <Button size="sm" busy={verify.isPending} onClick={() => void check()}>
            {t('app.landing.domain.check')}
          </Button>
        )}
        <Button variant="secondary" size="sm" onClick={() => setRemoving(true)}>
          {t('app.landing.domain.remove')}
        </Button>
      </div>
      {removing ? (
        <ConfirmDialog
          title={t('app.landing.domain.removeTitle', { domain: claim.domain })}
          description={t('app.landing.domain.removeDescription')}
          cancelLabel={t('app.landing.domain.removeKeep')}
          confirmLabel={t('app.landing.domain.removeConfirm')}
          failureMessage={t('app.landing.domain.removeFailed')}
          onConfirm={async () => {
            setData(await remove.mutateAsync({ domain: null }));
            toast(t('app.landing.domain.removedToast', { domain: claim.domain }));
          }}
          onClose={() => setRemoving(false)}
        />
      ) : null}
    </div>
  );
}
