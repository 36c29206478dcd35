import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import type { Api } from './api.ts';
import { NotFound } from './components/layout/not-found.tsx';
import { accountSearch } from './features/account/search.ts';
import { authSearch, resetSearch } from './features/auth/search.ts';
import { availabilitySearch } from './features/availability/search.ts';
import { bookingsSearch } from './features/bookings/search.ts';
import { calendarSearch } from './features/calendar/search.ts';
import { overviewSearch } from './features/overview/search.ts';
import { passesSearch } from './features/passes/search.ts';
import { paymentsSearch } from './features/payments/search.ts';
import { workshopSearch, workshopsSearch } from './features/workshops/search.ts';
import { hasSession } from './lib/auth.ts';
import { appCodeOf } from './lib/errors.ts';
import { applyAccountLanguage } from './lib/i18n/account-language.ts';

export interface RouterContext {
  /** The data layer, imported on first use (see api.ts). */
  loadApi: () => Promise<Api>;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

// Signed-out screens: each its own chunk, so the sign-in screen loads little.
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: authSearch,
  component: lazyRouteComponent(() => import('./features/auth/sign-in-page.tsx'), 'SignInPage'),
});
const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  component: lazyRouteComponent(() => import('./features/auth/sign-up-page.tsx'), 'SignUpPage'),
});
const forgotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(
    () => import('./features/auth/forgot-password-page.tsx'),
    'ForgotPasswordPage',
  ),
});
const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: resetSearch,
  component: lazyRouteComponent(() => import('./features/auth/reset-password-page.tsx'), 'ResetPasswordPage'),
});

// Everything else needs a staff session: checked once, before the screen loads.
const staffRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'staff',
  beforeLoad: async ({ context, location }) => {
    const api = await context.loadApi();
    const meQuery = api.trpc.viewer.me.queryOptions();
    // Signed out is a normal state, not an error: ask better-auth (200 with null) before the
    // first viewer.me (which would answer 401).
    if (!api.queryClient.getQueryData(meQuery.queryKey) && !(await hasSession())) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
    try {
      const me = await api.queryClient.ensureQueryData(meQuery);
      // The screen opens in the account's language, not in the signed-out screens' one.
      await applyAccountLanguage(me.language);
      return { api, me };
    } catch (error) {
      if (appCodeOf(error) === 'UNAUTHORIZED') {
        throw redirect({ to: '/sign-in', search: { redirect: location.href } });
      }
      throw error;
    }
  },
  component: lazyRouteComponent(() => import('./components/layout/app-shell.tsx'), 'AppShell'),
});

const overviewRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/',
  validateSearch: overviewSearch,
  component: lazyRouteComponent(() => import('./features/overview/overview-page.tsx'), 'OverviewPage'),
});
const workshopsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/workshops',
  validateSearch: workshopsSearch,
  component: lazyRouteComponent(() => import('./features/workshops/workshops-page.tsx'), 'WorkshopsPage'),
});
const newWorkshopRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/workshops/new',
  component: lazyRouteComponent(
    () => import('./features/workshops/workshop-new-page.tsx'),
    'WorkshopNewPage',
  ),
});
const workshopRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/workshops/$workshopId',
  validateSearch: workshopSearch,
  component: lazyRouteComponent(() => import('./features/workshops/workshop-page.tsx'), 'WorkshopPage'),
});
const bookingsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/bookings',
  validateSearch: bookingsSearch,
  component: lazyRouteComponent(() => import('./features/bookings/bookings-page.tsx'), 'BookingsPage'),
});
const sessionRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/sessions/$sessionId',
  component: lazyRouteComponent(() => import('./features/bookings/session-page.tsx'), 'SessionPage'),
});
const calendarRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/calendar',
  validateSearch: calendarSearch,
  component: lazyRouteComponent(() => import('./features/calendar/calendar-page.tsx'), 'CalendarPage'),
});

const availabilityRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/availability',
  validateSearch: availabilitySearch,
  component: lazyRouteComponent(
    () => import('./features/availability/availability-page.tsx'),
    'AvailabilityPage',
  ),
});
const scheduleRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/availability/$scheduleId',
  component: lazyRouteComponent(() => import('./features/availability/schedule-page.tsx'), 'SchedulePage'),
});
const landingRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/landing',
  component: lazyRouteComponent(() => import('./features/landing/landing-page.tsx'), 'LandingPage'),
});
const apiKeysRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/api-keys',
  component: lazyRouteComponent(() => import('./features/api-keys/api-keys-page.tsx'), 'ApiKeysPage'),
});
const passesRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/passes',
  validateSearch: passesSearch,
  component: lazyRouteComponent(() => import('./features/passes/passes-page.tsx'), 'PassesPage'),
});
const paymentsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/payments',
  validateSearch: paymentsSearch,
  component: lazyRouteComponent(() => import('./features/payments/payments-page.tsx'), 'PaymentsPage'),
});

const immersioRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/immersio',
  component: lazyRouteComponent(() => import('./features/immersio/immersio-page.tsx'), 'ImmersioPage'),
});

const teamRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/team',
  component: lazyRouteComponent(() => import('./features/team/team-page.tsx'), 'TeamPage'),
});
const planRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/plan',
  component: lazyRouteComponent(() => import('./features/plan/plan-page.tsx'), 'PlanPage'),
});
const accountRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/account',
  validateSearch: accountSearch,
  component: lazyRouteComponent(() => import('./features/account/account-page.tsx'), 'AccountPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  forgotRoute,
  resetRoute,
  staffRoute.addChildren([
    overviewRoute,
    workshopsRoute,
    newWorkshopRoute,
    workshopRoute,
    bookingsRoute,
    sessionRoute,
    calendarRoute,
    availabilityRoute,
    scheduleRoute,
    paymentsRoute,
    passesRoute,
    landingRoute,
    apiKeysRoute,
    immersioRoute,
    teamRoute,
    planRoute,
    accountRoute,
  ]),
]);

export function makeRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    basepath: '/app',
    context,
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
