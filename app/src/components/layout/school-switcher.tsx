import { lazy, Suspense } from 'react';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';

// Most people belong to one school: the dropdown (Radix menu and its positioning library) is
// loaded only for those who can switch.
const SchoolSwitcherMenu = lazy(() => import('./school-switcher-menu.tsx'));

/** The active school's name; for people in several schools, a menu to switch. */
export function SchoolSwitcher() {
  const { me, membership } = useViewer();
  const t = useT();
  const name = (
    <p className="truncate text-sm font-semibold text-slate-900">
      {membership?.tenantName ?? t('app.ui.schoolSwitcher.noSchool')}
    </p>
  );
  if (me.memberships.length < 2) return name;
  return (
    <Suspense fallback={name}>
      <SchoolSwitcherMenu />
    </Suspense>
  );
}
