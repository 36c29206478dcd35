import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginCallback,
  type FastifyReply,
  LogController,
} from 'fastify';
import type { Container } from './container.ts';
import { rejectedByDatabase } from './db/errors.ts';
import { registerBaseStylesheet } from './http/base-stylesheet.ts';
import { installErrorHandlers } from './http/error-handler.ts';
import { installInputGuard } from './http/input-guard.ts';
import { installRequestMetrics, registerMetricsRoute } from './http/metrics.ts';
import { registerOpenApiRoutes } from './http/openapi/openapi.routes.ts';
import { isCrossSiteCookieMutation, setsSessionCookie } from './http/origin-check.ts';
import { installRestRateLimits } from './http/rate-limit-hook.ts';
import { AppError } from './lib/errors.ts';
import { LazyChildLogger } from './lib/lazy-child-logger.ts';
import type { Logger } from './lib/logger.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { COOKIE_PREFIX, SESSION_COOKIE } from './modules/auth/auth.ts';
import { extractCredential } from './modules/auth/credentials.ts';
import { registerBookingsExportRoute } from './modules/bookings/bookings-export.routes.ts';
import { registerPublicEnrolmentRoutes } from './modules/bookings/enrolments/public-enrolments.routes.ts';
import { registerCalendarFeedRoute } from './modules/bookings/feeds/calendar-feed.routes.ts';
import { registerStripeWebhookRoute } from './modules/bookings/payments/stripe-webhook.routes.ts';
import { registerPublicBookingRoutes } from './modules/bookings/public-bookings.routes.ts';
import { registerPublicWaitlistRoutes } from './modules/bookings/waitlist/public-waitlist.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerImmersioWebhookRoute } from './modules/immersio/incoming-webhooks.routes.ts';
import { registerSsoRoutes } from './modules/immersio/sso.routes.ts';
import { registerAssetRoutes } from './modules/landing/assets.routes.ts';
import { MAX_UPLOAD_BYTES } from './modules/landing/assets.service.ts';
import { registerTlsAskRoute } from './modules/landing/custom-domain/tls-ask.routes.ts';
import { registerPublicPassRoutes } from './modules/passes/passes.routes.ts';
import { registerPublicRoutes } from './modules/public/public.routes.ts';
import { registerInvitePage } from './modules/tenants/invite-page.routes.ts';
import { registerInviteRoutes } from './modules/tenants/invites.routes.ts';
import type { Viewer } from './modules/viewer/viewer-resolver.ts';
import { registerEnrolmentPage } from './modules/web/enrolment-page.routes.ts';
import { registerLandingPreviewRoute } from './modules/web/landing-preview.routes.ts';
import { registerManagePage } from './modules/web/manage-page.routes.ts';
import { registerPassPage } from './modules/web/pass-page.routes.ts';
import { loadStaffAppBuild, registerStaffApp } from './modules/web/staff-app.ts';
import { registerWaitlistPage } from './modules/web/waitlist-page.routes.ts';
import { registerWebPages } from './modules/web/web.routes.ts';
import { registerTrpc } from './trpc/fastify-handler.ts';
import { type TrpcContext, toAppError } from './trpc/init.ts';
import { appRouter } from './trpc/router.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** One Fastify instance: tRPC under /api/trpc, REST under /api/v1, auth under /api/auth. */
export function buildServer(container: Container, tracingPlugin?: FastifyPluginCallback): FastifyInstance {
  const { env } = container;
  const app = Fastify({
    loggerInstance: container.logger as FastifyBaseLogger,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // A caller's own request id is kept so logs can be joined across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new LogController({
      disableRequestLogging: env.LOG_LEVEL !== 'debug' && env.LOG_LEVEL !== 'trace',
    }),
    return503OnClosing: true,
    // Malformed HTTP (a Content-Length that lies, bad headers): Node answers before Fastify can.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return socket.destroy(error);
      const body = JSON.stringify({ error: 'Malformed HTTP request', code: 'VALIDATION_ERROR' });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // A URL that does not decode (`%zz`, a lone surrogate) answers from the spec's table too.
    frameworkErrors: (error, req, reply) => {
      req.log.info({ err: error }, 'malformed request');
      void (reply as FastifyReply)
        .status(400)
        .send({ error: 'The request URL is not valid', code: 'VALIDATION_ERROR' });
    },
    childLoggerFactory: (logger, bindings, options) =>
      new LazyChildLogger(logger as Logger, bindings, options) as unknown as FastifyBaseLogger,
  });

  // Applied at once rather than through `register` (which would run it at `ready`, after the routes
  // below are declared): it wraps each hook and handler as it is added, so it must come first.
  tracingPlugin?.(app, {}, (error) => {
    if (error) throw error;
  });
  installErrorHandlers(app);
  installRequestMetrics(app, container.metrics);
  installInputGuard(app, '/api/trpc/');

  const cookieName = `${COOKIE_PREFIX}.${SESSION_COOKIE}`;
  const trusted = [new URL(env.PUBLIC_BASE_URL).origin];
  // One synchronous hook for every request: request id, no MIME sniffing, the cross-site check.
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id).header('x-content-type-options', 'nosniff');
    const crossSite = isCrossSiteCookieMutation(req, {
      trustedOrigins: trusted,
      bookingDomain: env.BOOKING_DOMAIN,
      cookieName,
      evenWithoutCookie: setsSessionCookie(req.url),
    });
    if (!crossSite) return done();
    done(
      new AppError(
        'FORBIDDEN',
        'Cross-site request refused: send it from the booking site or with a bearer token',
      ),
    );
  });

  // Order matters only above this line: the app-wide hooks and handlers come before every route
  // group. A scope copies its parent's hooks when it is created, and the rate limits attach to
  // routes as they are declared (`onRoute`). Below it, order does not matter: fixed paths win over
  // the pages' parameters whatever the order, and each group that reads a body other than JSON
  // (forms, signed webhooks, tRPC) sets its parsers in its own scope.
  installRestRateLimits(app, container);
  registerHealthRoutes(app, container);
  registerMetricsRoute(app, container.metrics, env.METRICS_TOKEN);
  registerOpenApiRoutes(app);
  registerAuthRoutes(app, container);
  registerInviteRoutes(app, container);
  registerSsoRoutes(app, container);
  registerPublicRoutes(app, container);
  registerPublicBookingRoutes(app, container);
  registerPublicWaitlistRoutes(app, container);
  registerPublicEnrolmentRoutes(app, container);
  registerPublicPassRoutes(app, container);
  registerBookingsExportRoute(app, container);
  registerCalendarFeedRoute(app, container);
  registerTlsAskRoute(app, container);
  registerLandingPreviewRoute(app, container);
  registerStripeWebhookRoute(app, container);
  registerImmersioWebhookRoute(app, container);
  registerInvitePage(app, container);
  registerManagePage(app, container);
  registerWaitlistPage(app, container);
  registerEnrolmentPage(app, container);
  registerPassPage(app, container);
  registerAssetRoutes(app, container);
  registerBaseStylesheet(app);
  registerStaffApp(app, loadStaffAppBuild(env.STAFF_APP_DIR));
  registerWebPages(app, container);

  registerTrpc(app, {
    prefix: '/api/trpc',
    router: appRouter,
    // FormData uploads: the file plus the form's own framing, so a file over the limit reaches the
    // procedure and gets its message, while anything much larger is cut off at 413.
    multipartBodyLimit: MAX_UPLOAD_BYTES + 64 * 1024,
    createContext: (req, reply): TrpcContext => {
      const credential = extractCredential(req.headers);
      let viewer: Promise<Viewer | null> | undefined;
      return {
        container,
        request: {
          id: req.id,
          ip: req.ip,
          credential,
          getViewer: () => {
            viewer ??= container.sessions.resolve(credential);
            return viewer;
          },
          setHeaders: (headers) => void reply.headers(headers),
        },
      };
    },
    onError: ({ error, path, req }) => {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL_ERROR' && !(error.cause instanceof AppError)) {
        req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
      } else if (appError.cause !== undefined && rejectedByDatabase(appError.cause)) {
        req.log.warn({ err: appError.cause, path }, 'input refused by the database');
      }
    },
  });

  return app;
}
