import type { StripeAccountOutput } from '../../../../src/modules/bookings/payments/procedures/get-stripe-account.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** Stripe's requirement names, said the way a school owner would. */
const REQUIREMENT_LABELS: Record<string, string> = {
  external_account: 'A bank account for payouts',
  'tos_acceptance.date': 'Accepting Stripe’s terms',
  'tos_acceptance.ip': 'Accepting Stripe’s terms',
  business_type: 'The type of business',
  'business_profile.url': 'The school’s website',
  'business_profile.mcc': 'What the school sells',
};

function requirementLabels(due: readonly string[]): string[] {
  return [...new Set(due.map((item) => REQUIREMENT_LABELS[item] ?? item))];
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
  const { state } = account;
  const title =
    account.status === 'not_connected'
      ? 'Not connected'
      : account.status === 'enabled'
        ? 'Ready to take payments'
        : account.status === 'incomplete'
          ? 'Onboarding incomplete'
          : 'Connected: state not checked yet';
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
        {account.testMode ? <Badge tone="amber">Test mode</Badge> : null}
      </div>
      {account.status === 'not_connected' ? (
        <p className="mt-2 text-sm text-slate-700">
          Students pay for classes through your school’s own Stripe account. Connect one to sell paid
          workshops: Stripe asks for your details and a bank account, then sends you back here.
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">
            Stripe account <code className="rounded bg-slate-100 px-1">{account.accountId}</code>
            {account.origin === 'pasted' ? ' (entered by id)' : ' (connected here)'}
            {account.live
              ? ': paid bookings are charged to it.'
              : ': not used for payments until it is ready.'}
          </p>
          {state ? (
            <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
              <Flag label="Charges" on={state.chargesEnabled} />
              <Flag label="Payouts" on={state.payoutsEnabled} />
              <Flag label="Details submitted" on={state.detailsSubmitted} />
            </dl>
          ) : null}
          {state && state.requirementsDue.length > 0 ? (
            <div className="mt-3 text-sm">
              <p className="font-medium text-slate-800">Stripe still needs:</p>
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {requirementLabels(state.requirementsDue).map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {state ? (
            <p className="mt-3 text-xs text-slate-600">
              Last heard from Stripe {formatDateTime(state.checkedAt, timeZone)}
            </p>
          ) : null}
        </>
      )}
      {!account.paymentsAvailable ? (
        <p className="mt-3 text-sm text-slate-700">Payments are not configured on this server.</p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        {canConnect ? (
          <Button onClick={onConnect} busy={connecting}>
            {account.status === 'not_connected' ? 'Connect with Stripe' : 'Continue onboarding'}
          </Button>
        ) : null}
        {account.status !== 'not_connected' && account.paymentsAvailable ? (
          <Button variant="secondary" onClick={onRefresh} busy={refreshing}>
            Check with Stripe
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function Flag({ label, on }: { label: string; on: boolean }) {
  return (
    <div className="flex items-center gap-2">
      <dt className="text-slate-700">{label}</dt>
      <dd>
        <Badge tone={on ? 'green' : 'red'}>{on ? 'Enabled' : 'Not yet'}</Badge>
      </dd>
    </div>
  );
}
