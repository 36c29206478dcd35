import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../trpc.ts';

type PlanInfo = inferRouterOutputs<AppRouter>['immersio']['tenant']['getPlanUsage']['plans'][number];

const FEATURE_LABELS: Record<string, string> = {
  whitelist: 'Student whitelists',
  immersioSync: 'Immersio course sync',
  customEmails: 'Custom e-mails',
  customBranding: 'Custom branding',
  platformFeeWaived: 'No platform fee',
};

const limitText = (n: number) => (n === -1 ? 'Unlimited' : String(n));

/** Every plan side by side: its limits and the features it unlocks, the school's own marked. */
export function PlanComparison({ plans, current }: { plans: PlanInfo[]; current: string }) {
  const features = Object.keys(plans[0]?.features ?? {});
  return (
    <section aria-labelledby="plans-heading" className="mt-8">
      <h2 id="plans-heading" className="text-lg font-semibold text-slate-900">
        What each plan unlocks
      </h2>
      <p className="mt-1 text-sm text-slate-600">To change plans, contact Immersio support.</p>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Plans and what they include</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Limit or feature</span>
              </th>
              {plans.map((plan) => (
                <th
                  key={plan.type}
                  scope="col"
                  className={`px-4 py-2 capitalize ${plan.type === current ? 'bg-brand-50 text-brand-900' : ''}`}
                >
                  {plan.type}
                  {plan.type === current ? <span className="block normal-case">(your plan)</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            <Row label="Teachers" values={plans.map((p) => limitText(p.maxTeachers))} />
            <Row label="Bookings a month" values={plans.map((p) => limitText(p.maxBookingsPerMonth))} />
            <Row label="Event types" values={plans.map((p) => limitText(p.maxEventTypes))} />
            {features.map((feature) => (
              <Row
                key={feature}
                label={FEATURE_LABELS[feature] ?? feature}
                values={plans.map((p) => (p.features[feature] ? 'Included' : '—'))}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({ label, values }: { label: string; values: string[] }) {
  return (
    <tr>
      <th scope="row" className="px-4 py-2 text-left font-medium text-slate-800">
        {label}
      </th>
      {values.map((value, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per plan, in the plans' fixed order
        <td key={i} className="px-4 py-2 text-slate-700">
          {value === '—' ? (
            <>
              <span aria-hidden>—</span>
              <span className="sr-only">Not included</span>
            </>
          ) : (
            value
          )}
        </td>
      ))}
    </tr>
  );
}
