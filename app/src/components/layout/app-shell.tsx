import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Suspense, useEffect, useState } from 'react';
import { queryClient } from '../../api.ts';
import { signOut } from '../../lib/auth.ts';
import { applyAccountLanguage } from '../../lib/i18n/account-language.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { Button } from '../ui/button.tsx';
import { Spinner } from '../ui/states.tsx';
import { ToastProvider } from '../ui/toast.tsx';
import { ApiProviders } from './api-providers.tsx';
import { SchoolSwitcher } from './school-switcher.tsx';

const NAV = [
  { to: '/', label: 'app.nav.overview', exact: true },
  { to: '/workshops', label: 'app.nav.workshops', exact: false },
  { to: '/bookings', label: 'app.nav.bookings', exact: false },
  { to: '/calendar', label: 'app.nav.calendar', exact: false },
  { to: '/availability', label: 'app.nav.availability', exact: false },
  { to: '/passes', label: 'app.nav.passes', exact: false },
  { to: '/landing', label: 'app.nav.landing', exact: false, adminOnly: true },
  { to: '/payments', label: 'app.nav.payments', exact: false, adminOnly: true },
  { to: '/api-keys', label: 'app.nav.apiKeys', exact: false, adminOnly: true },
  { to: '/immersio', label: 'app.nav.immersio', exact: false, adminOnly: true },
  { to: '/team', label: 'app.nav.team', exact: false, adminOnly: true },
  { to: '/plan', label: 'app.nav.plan', exact: false, adminOnly: true },
  { to: '/account', label: 'app.nav.account', exact: false },
] as const satisfies readonly { to: string; label: AppMessageKey; exact: boolean; adminOnly?: true }[];

/** The frame of every staff screen: navigation, school switcher, account, the screen itself. */
export function AppShell() {
  return (
    <ApiProviders>
      <ToastProvider>
        <StaffFrame />
      </ToastProvider>
    </ApiProviders>
  );
}

function StaffFrame() {
  const { me, membership, isAdmin } = useViewer();
  const t = useT();
  const [menuOpen, setMenuOpen] = useState(false);
  const navigate = useNavigate();

  // The profile form changes the account's language: the whole app follows at once.
  useEffect(() => {
    void applyAccountLanguage(me.language);
  }, [me.language]);

  const onSignOut = async () => {
    await signOut().catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/sign-in', search: {} });
  };

  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        {t('app.shell.skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between gap-2 px-4 py-3">
          <Link to="/" className="text-base font-bold text-brand-700">
            {t('app.shell.brand')}
          </Link>
          <Button
            variant="ghost"
            size="sm"
            className="md:hidden"
            aria-expanded={menuOpen}
            aria-controls="staff-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('app.shell.menu')}
          </Button>
        </div>
        <div id="staff-nav" className={`${menuOpen ? 'block' : 'hidden'} space-y-4 px-4 pb-4 md:block`}>
          <SchoolSwitcher />
          <nav aria-label={t('app.shell.mainNav')}>
            <ul className="space-y-1">
              {NAV.filter((item) => isAdmin || !('adminOnly' in item)).map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    activeOptions={{ exact: item.exact, includeSearch: false }}
                    onClick={() => setMenuOpen(false)}
                    className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
                    activeProps={{ className: 'bg-brand-50 text-brand-800', 'aria-current': 'page' }}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="border-t border-slate-200 pt-3 text-sm">
            <p className="truncate font-medium text-slate-900">{me.name}</p>
            <p className="truncate text-slate-600">{me.email}</p>
            {membership ? (
              <p className="text-xs text-slate-600">{t('app.role.name', { role: membership.role })}</p>
            ) : null}
            <Button variant="secondary" size="sm" className="mt-2" onClick={onSignOut}>
              {t('app.shell.signOut')}
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
        {membership ? (
          <Suspense fallback={<Spinner />}>
            <Outlet />
          </Suspense>
        ) : (
          <div className="max-w-lg">
            <h1 className="text-xl font-semibold">{t('app.shell.noSchool.title')}</h1>
            <p className="mt-2 text-slate-600">{t('app.shell.noSchool.body')}</p>
          </div>
        )}
      </main>
    </div>
  );
}
