import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { intlLocale, Message, useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { AccountCard } from './account-card.tsx';
import { PasteAccountForm } from './paste-account-form.tsx';
import { RecentPayments } from './recent-payments.tsx';

const route = getRouteApi('/staff/payments');

/**
 * /payments (OWNER/ADMIN): the school's Stripe account — connected through Stripe's hosted
 * onboarding or entered by id — its state, the plan's platform fee, and recent payments and
 * refunds. Stripe sends the admin back here with `?stripe=return` (the state is asked again)
 * or `?stripe=refresh` (the link was spent: a new one is made and followed).
 */
export function PaymentsPage() {
  const t = useT();
  const { isAdmin } = useViewer();
  if (!isAdmin) {
    return (
      <>
        <PageHeader title={t('app.payments.page.title')} />
        <p className="text-slate-700">{t('app.payments.page.adminsOnly')}</p>
      </>
    );
  }
  return <AdminPayments />;
}

function AdminPayments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const { me } = useViewer();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const account = useQuery(trpc.immersio.payments.getStripeAccount.queryOptions());
  const connect = useMutation(trpc.immersio.payments.connectStripe.mutationOptions());
  const refresh = useMutation(trpc.immersio.payments.refreshStripeAccount.mutationOptions());
  const accountKey = trpc.immersio.payments.getStripeAccount.queryKey();

  const goToStripe = async () => {
    try {
      const { url } = await connect.mutateAsync();
      window.location.assign(url);
    } catch (error) {
      toast(t('app.payments.page.openFailed'), {
        description: errorText(error, 'app.payments.tryAgain'),
        tone: 'error',
      });
    }
  };
  const checkWithStripe = async (quiet = false) => {
    try {
      queryClient.setQueryData(accountKey, await refresh.mutateAsync());
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.get.queryKey() });
      if (!quiet) toast(t('app.payments.page.checked'));
    } catch (error) {
      toast(t('app.payments.page.reachFailed'), {
        description: errorText(error, 'app.payments.tryAgain'),
        tone: 'error',
      });
    }
  };

  // Back from Stripe's onboarding: once per visit, then the URL is cleaned.
  const handled = useRef(false);
  useEffect(() => {
    if (!search.stripe || handled.current) return;
    handled.current = true;
    const from = search.stripe;
    void navigate({ search: {}, replace: true });
    if (from === 'return') void checkWithStripe(true);
    else void goToStripe();
  });

  return (
    <>
      <PageHeader title={t('app.payments.page.title')} description={t('app.payments.page.description')} />
      <div className="space-y-6">
        {account.isPending ? (
          <Spinner label={t('app.payments.page.loading')} />
        ) : account.isError ? (
          <ErrorState error={account.error} onRetry={() => void account.refetch()} />
        ) : (
          <>
            <AccountCard
              account={account.data}
              timeZone={me.timeZone}
              onConnect={() => void goToStripe()}
              onRefresh={() => void checkWithStripe()}
              connecting={connect.isPending || connect.isSuccess}
              refreshing={refresh.isPending}
            />
            <p className="text-sm text-slate-700">
              <Message
                id="app.payments.page.fee"
                values={{
                  plan: account.data.plan.type,
                  fee: new Intl.NumberFormat(intlLocale(), {
                    style: 'percent',
                    maximumFractionDigits: 2,
                  }).format(account.data.plan.platformFeeBps / 10_000),
                  b: (chunks) => <strong>{chunks}</strong>,
                }}
              />
            </p>
            {account.data.paymentsAvailable ? (
              <PasteAccountForm
                onSaved={async () => {
                  toast(t('app.payments.page.saved'));
                  await checkWithStripe(true);
                }}
              />
            ) : null}
          </>
        )}
        <RecentPayments timeZone={me.timeZone} />
      </div>
    </>
  );
}
