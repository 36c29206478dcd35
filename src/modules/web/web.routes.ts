import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody } from '../../lib/form-body.ts';
import { signedInStudent } from '../viewer/student-session.ts';
import { registerEmbedScript } from './embed/embed-script.routes.ts';
import { serveHomePage } from './home-page.ts';
import { serveLandingPage } from './landing-page.ts';
import type { PageContext } from './page-context.ts';
import { sendNotFoundPage } from './pages.ts';
import { type PassesPageDeps, servePassesPage, submitPassForm } from './passes-page.ts';
import { resolveSite } from './site.ts';
import { registerStaticAssets } from './web-http.ts';
import { serveWorkshopPage, submitBookingForm, type WorkshopPageDeps } from './workshop-page.ts';

/**
 * The public web: the service's home page, a tenant's landing page and its workshops' pages,
 * server-rendered from the same services as the REST API. Every fixed route (/api, /bookings,
 * /invite, /uploads, /assets, /app) wins over these catch-all patterns: the router prefers static
 * segments whatever the order of registration.
 */
export function registerWebPages(app: FastifyInstance, container: Container): void {
  // Its own scope: the workshop page's booking form posts a form body, and only these routes parse one.
  void app.register(async (scope) => {
    scope.addContentTypeParser(FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody);
    registerPages(scope, container);
  });
}

function registerPages(app: FastifyInstance, container: Container): void {
  registerStaticAssets(app);
  registerEmbedScript(app, container.env);
  const options = { config: { rateLimit: 'public' } } as const;
  const workshopPages: WorkshopPageDeps = {
    env: container.env,
    db: container.db,
    now: container.now,
    publicCatalog: container.publicCatalog,
    bookings: container.bookings,
    enrolments: container.enrolments,
    sso: container.sso,
    payments: container.payments,
    stripe: container.stripe,
    studentOf: (headers, tenantId) => signedInStudent(container, headers, tenantId),
  };
  const passPages: PassesPageDeps = {
    db: container.db,
    passes: container.passes,
    payments: container.payments,
    stripe: container.stripe,
    env: container.env,
    studentOf: (headers, tenantId) => signedInStudent(container, headers, tenantId),
  };

  const dispatch = (method: 'GET' | 'POST') => async (req: FastifyRequest, reply: FastifyReply) => {
    // The API's own unknown paths keep the API's JSON 404.
    if (req.url === '/api' || req.url.startsWith('/api/')) return reply.callNotFound();
    const claim = await container.customDomainHosts.claimOfHost(req.host);
    // A school's own domain not verified yet serves nothing (issue 20).
    if (claim && !claim.verified) return sendNotFoundPage(req, reply);
    const site = resolveSite(container.env, req.host, req.url, claim?.slug);
    // `/` names no tenant on the main host (a tenant's host has its landing page there).
    if (!site && method === 'GET' && req.url.split('?', 1)[0] === '/')
      return serveHomePage(req, reply, container);
    if (!site) return sendNotFoundPage(req, reply);
    const ctx: PageContext = { req, reply, site };
    if (method === 'GET' && site.rest.length === 0) return serveLandingPage(ctx, container);
    // The school's class passes (issue 16), with their buy forms.
    if (site.rest.length === 1 && site.rest[0] === 'passes') {
      return method === 'GET' ? servePassesPage(ctx, passPages) : submitPassForm(ctx, passPages);
    }
    if (site.rest.length === 2) {
      return method === 'GET' ? serveWorkshopPage(ctx, workshopPages) : submitBookingForm(ctx, workshopPages);
    }
    return sendNotFoundPage(req, reply);
  };

  for (const path of ['/', '/:a', '/:a/:b', '/:a/:b/:c']) app.get(path, options, dispatch('GET'));
  for (const path of ['/:a', '/:a/:b', '/:a/:b/:c']) app.post(path, options, dispatch('POST'));
}
