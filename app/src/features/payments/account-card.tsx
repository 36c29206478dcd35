import type { StripeAccountOutput } from '../../../../src/modules/bookings/payments/procedures/get-stripe-account.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type AppMessageKey, Message, useT } from '../../lib/i18n/i18n.tsx';

/** Stripe's requirement names, said the way a school owner would (message keys). */
const REQUIREMENT_LABELS: Record<string, AppMessageKey> = {
  external_account: 'app.payments.account.req.bankAccount',
  'tos_acceptance.date': 'app.payments.account.req.terms',
  'tos_acceptance.ip': 'app.payments.account.req.terms',
  business_type: 'app.payments.account.req.businessType',
  'business_profile.url': 'app.payments.account.req.website',
  'business_profile.mcc': 'app.payments.account.req.mcc',
};

function requirementLabels(due: readonly string[], t: (key: AppMessageKey) => string): string[] {
  return [
    ...new Set(
      due.map((item) => {
        const key = REQUIREMENT_LABELS[item];
        return key ? t(key) : item;
      }),
    ),
  ];
}

/**
 * The account's state in three cases: not connected, onboarding incomplete (with what Stripe
 * still needs) and ready (charges and payouts enabled), with the one action that fits.
 */
export function AccountCard({
  account,
  timeZone,
  onConnect,
  onRefresh,
  connecting,
  refreshing,
}: {
  account: StripeAccountOutput;
  timeZone: string;
  onConnect: () => void;
  onRefresh: () => void;
  connecting: boolean;
  refreshing: boolean;
}) {
  const t = useT();
  const { state } = account;
  const title =
    account.status === 'not_connected'
      ? t('app.payments.account.notConnected')
      : account.status === 'enabled'
        ? t('app.payments.account.ready')
        : account.status === 'incomplete'
          ? t('app.payments.account.incomplete')
          : t('app.payments.account.unchecked');
  const canConnect =
    account.paymentsAvailable &&
    (account.status === 'not_connected' ||
      (account.origin === 'onboarding' && account.status === 'incomplete'));
  return (
    <section
      aria-labelledby="stripe-account-title"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="stripe-account-title" className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {account.testMode ? <Badge tone="amber">{t('app.payments.account.testMode')}</Badge> : null}
      </div>
      {account.status === 'not_connected' ? (
        <p className="mt-2 text-sm text-slate-700">{t('app.payments.account.intro')}</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">
            <Message
              id={account.live ? 'app.payments.account.liveLine' : 'app.payments.account.notLiveLine'}
              values={{
                id: account.accountId,
                origin: account.origin === 'pasted' ? 'pasted' : 'onboarding',
                code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code>,
              }}
            />
          </p>
          {state ? (
            <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
              <Flag label={t('app.payments.account.charges')} on={state.chargesEnabled} />
              <Flag label={t('app.payments.account.payouts')} on={state.payoutsEnabled} />
              <Flag label={t('app.payments.account.detailsSubmitted')} on={state.detailsSubmitted} />
            </dl>
          ) : null}
          {state && state.requirementsDue.length > 0 ? (
            <div className="mt-3 text-sm">
              <p className="font-medium text-slate-800">{t('app.payments.account.stillNeeds')}</p>
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {requirementLabels(state.requirementsDue, t).map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {state ? (
            <p className="mt-3 text-xs text-slate-600">
              {t('app.payments.account.lastHeard', { when: formatDateTime(state.checkedAt, timeZone) })}
            </p>
          ) : null}
        </>
      )}
      {!account.paymentsAvailable ? (
        <p className="mt-3 text-sm text-slate-700">{t('app.payments.account.notConfigured')}</p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        {canConnect ? (
          <Button onClick={onConnect} busy={connecting}>
            {account.status === 'not_connected'
              ? t('app.payments.account.connect')
              : t('app.payments.account.continue')}
          </Button>
        ) : null}
        {account.status !== 'not_connected' && account.paymentsAvailable ? (
          <Button variant="secondary" onClick={onRefresh} busy={refreshing}>
            {t('app.payments.account.check')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function Flag({ label, on }: { label: string; on: boolean }) {
  const t = useT();
  return (
    <div className="flex items-center gap-2">
      <dt className="text-slate-700">{label}</dt>
      <dd>
        <Badge tone={on ? 'green' : 'red'}>
          {on ? t('app.payments.account.enabled') : t('app.payments.account.notYet')}
        </Badge>
      </dd>
    </div>
  );
}
