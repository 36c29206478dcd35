import type { inferRouterOutputs } from '@trpc/server';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';

type PlanInfo = inferRouterOutputs<AppRouter>['immersio']['tenant']['getPlanUsage']['plans'][number];

const FEATURE_LABELS: Record<string, AppMessageKey> = {
  whitelist: 'app.plan.feature.whitelist',
  immersioSync: 'app.plan.feature.immersioSync',
  customEmails: 'app.plan.feature.customEmails',
  customBranding: 'app.plan.feature.customBranding',
  platformFeeWaived: 'app.plan.feature.platformFeeWaived',
};

/** A cell that the screen shows as a dash, with a spoken "not included". */
const NOT_INCLUDED = '—';

/** Every plan side by side: its limits and the features it unlocks, the school's own marked. */
export function PlanComparison({ plans, current }: { plans: PlanInfo[]; current: string }) {
  const t = useT();
  const features = Object.keys(plans[0]?.features ?? {});
  const limitText = (n: number) => (n === -1 ? t('app.plan.comparison.unlimited') : String(n));
  return (
    <section aria-labelledby="plans-heading" className="mt-8">
      <h2 id="plans-heading" className="text-lg font-semibold text-slate-900">
        {t('app.plan.comparison.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('app.plan.comparison.contact')}</p>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t('app.plan.comparison.caption')}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">{t('app.plan.comparison.rowHeader')}</span>
              </th>
              {plans.map((plan) => (
                <th
                  key={plan.type}
                  scope="col"
                  className={`px-4 py-2 capitalize ${plan.type === current ? 'bg-brand-50 text-brand-900' : ''}`}
                >
                  {plan.type}
                  {plan.type === current ? (
                    <span className="block normal-case">{t('app.plan.comparison.yourPlan')}</span>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            <Row label={t('app.plan.limit.teachers')} values={plans.map((p) => limitText(p.maxTeachers))} />
            <Row
              label={t('app.plan.limit.bookingsPerMonth')}
              values={plans.map((p) => limitText(p.maxBookingsPerMonth))}
            />
            <Row
              label={t('app.plan.limit.eventTypes')}
              values={plans.map((p) => limitText(p.maxEventTypes))}
            />
            {features.map((feature) => (
              <Row
                key={feature}
                label={FEATURE_LABELS[feature] ? t(FEATURE_LABELS[feature]) : feature}
                values={plans.map((p) =>
                  p.features[feature] ? t('app.plan.comparison.included') : NOT_INCLUDED,
                )}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({ label, values }: { label: string; values: string[] }) {
  const t = useT();
  return (
    <tr>
      <th scope="row" className="px-4 py-2 text-left font-medium text-slate-800">
        {label}
      </th>
      {values.map((value, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per plan, in the plans' fixed order
        <td key={i} className="px-4 py-2 text-slate-700">
          {value === NOT_INCLUDED ? (
            <>
              <span aria-hidden>—</span>
              <span className="sr-only">{t('app.plan.comparison.notIncluded')}</span>
            </>
          ) : (
            value
          )}
        </td>
      ))}
    </tr>
  );
}
