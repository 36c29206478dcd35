import { useT } from '../../lib/i18n/i18n.tsx';

/** One limit: a labelled meter (a text figure for "no limit") with what the count includes. */
export function UsageMeter({
  label,
  used,
  limit,
  detail,
}: {
  label: string;
  used: number;
  /** -1 means unlimited. */
  limit: number;
  detail: string;
}) {
  const t = useT();
  const unlimited = limit === -1;
  const id = `meter-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p id={id} className="text-sm font-medium text-slate-700">
        {label}
      </p>
      <p className="mt-1 text-2xl font-semibold text-slate-900">
        {used}
        <span className="text-base font-normal text-slate-600">
          {' '}
          {unlimited ? t('app.plan.meter.noLimit') : t('app.plan.meter.ofLimit', { limit: String(limit) })}
        </span>
      </p>
      {unlimited ? null : (
        <meter
          aria-labelledby={id}
          min={0}
          max={limit}
          // Amber from 80 % of the limit, red when it is reached (the browser's own meter colours).
          low={limit * 0.8}
          high={Math.max(limit - 0.5, 0)}
          optimum={0}
          value={Math.min(used, limit)}
          className="mt-3 block h-3 w-full"
        >
          {t('app.plan.meter.value', { used: String(used), limit: String(limit) })}
        </meter>
      )}
      <p className="mt-2 text-xs text-slate-600">{detail}</p>
      {!unlimited && used >= limit ? (
        <p className="mt-1 text-xs font-medium text-red-700">{t('app.plan.meter.limitReached')}</p>
      ) : null}
    </div>
  );
}
