import { apiKeyRouter } from '../modules/api-keys/api-keys.router.ts';
import { availabilityRouter } from '../modules/availability/availability.router.ts';
import { bookingRouter } from '../modules/bookings/bookings.router.ts';
import { enrolmentRouter } from '../modules/bookings/enrolments/enrolments.router.ts';
import { calendarFeedRouter } from '../modules/bookings/feeds/feeds.router.ts';
import { paymentsRouter } from '../modules/bookings/payments/payments.router.ts';
import { waitlistRouter } from '../modules/bookings/waitlist/waitlist.router.ts';
import { workshopBookingsRouter } from '../modules/bookings/workshop-bookings.router.ts';
import { integrationRouter } from '../modules/immersio/integration.router.ts';
import { privacyRouter } from '../modules/immersio/privacy.router.ts';
import { landingRouter } from '../modules/landing/landing.router.ts';
import { passRouter } from '../modules/passes/passes.router.ts';
import { signupRouter } from '../modules/tenants/signup.router.ts';
import { tenantRouter } from '../modules/tenants/tenants.router.ts';
import { accountRouter } from '../modules/viewer/account.router.ts';
import { viewerRouter } from '../modules/viewer/viewer.router.ts';
import { calendarRouter } from '../modules/workshops/calendar.router.ts';
import { workshopRouter } from '../modules/workshops/workshops.router.ts';
import { mergeRouters, router } from './init.ts';

export const appRouter = router({
  viewer: viewerRouter,
  signup: signupRouter,
  immersio: router({
    tenant: tenantRouter,
    landing: landingRouter,
    // moveSession moves bookings, so it lives with them (the workshops domain comes before bookings).
    workshop: mergeRouters(workshopRouter, workshopBookingsRouter),
    booking: bookingRouter,
    waitlist: waitlistRouter,
    enrolment: enrolmentRouter,
    integration: integrationRouter,
    // A student's data export and erasure (docs/privacy.md).
    privacy: privacyRouter,
    // The staff calendar's sessions, and the private iCalendar feeds of them (issue 20).
    calendar: mergeRouters(calendarRouter, calendarFeedRouter),
    availability: availabilityRouter,
    payments: paymentsRouter,
    pass: passRouter,
    apiKey: apiKeyRouter,
    account: accountRouter,
  }),
});

export type AppRouter = typeof appRouter;
