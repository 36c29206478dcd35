import { Link } from '@tanstack/react-router';
import { useT } from '../../lib/i18n/i18n.tsx';
import { buttonClass } from '../ui/button.tsx';

export function NotFound() {
  const t = useT();
  return (
    <main className="mx-auto max-w-md px-6 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t('app.ui.notFound.title')}</h1>
      <p className="mt-2 text-slate-600">{t('app.ui.notFound.body')}</p>
      <Link to="/" className={buttonClass('primary', 'md', 'mt-6')}>
        {t('app.ui.notFound.home')}
      </Link>
    </main>
  );
}
