import { Link } from '@tanstack/react-router';
import { cx } from '../../lib/cx.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { PERIODS, type Period } from './search.ts';
import { PERIOD_LABELS } from './types.ts';

/** Links, not buttons: each period is its own URL, so a view can be shared and reloaded. */
export function PeriodSwitcher({ period }: { period: Period }) {
  const t = useT();
  return (
    <nav aria-label={t('app.overview.switcher.label')}>
      <ul className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
        {PERIODS.map((value) => (
          <li key={value}>
            <Link
              to="/"
              search={{ period: value }}
              resetScroll={false}
              aria-current={value === period ? 'page' : undefined}
              className={cx(
                'block rounded px-3 py-1.5 text-sm font-medium',
                value === period ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100',
              )}
            >
              {t(PERIOD_LABELS[value])}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
