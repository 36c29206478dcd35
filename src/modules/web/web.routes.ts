import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { serveHomePage } from './home-page.ts';
import { serveLandingPage } from './landing-page.ts';
import { sendNotFoundPage } from './pages.ts';
import { resolveSite, type SiteAddress } from './site.ts';
import { registerStaticAssets } from './web-http.ts';
import { serveWorkshopPage, submitBookingForm } from './workshop-page.ts';

/** What a page handler gets: the request, the reply, the services and the resolved site. */
export interface PageContext {
  req: FastifyRequest;
  reply: FastifyReply;
  container: Container;
  site: SiteAddress;
}

/**
 * The public web: the service's home page, a tenant's landing page and its workshops' pages,
 * server-rendered from the same services as the REST API. Registered last so every fixed route
 * (/api, /bookings, /invite, /uploads, /assets, /app) wins over these catch-all patterns.
 */
export function registerWebPages(app: FastifyInstance, container: Container): void {
  registerStaticAssets(app);
  const options = { config: { rateLimit: 'public' } } as const;

  const dispatch = (method: 'GET' | 'POST') => async (req: FastifyRequest, reply: FastifyReply) => {
    // The API's own unknown paths keep the API's JSON 404.
    if (req.url === '/api' || req.url.startsWith('/api/')) return reply.callNotFound();
    const site = resolveSite(container.env, req.host, req.url);
    // `/` names no tenant on the main host (a tenant's host has its landing page there).
    if (!site && method === 'GET' && req.url.split('?', 1)[0] === '/')
      return serveHomePage(req, reply, container);
    if (!site) return sendNotFoundPage(req, reply);
    const ctx: PageContext = { req, reply, container, site };
    if (method === 'GET' && site.rest.length === 0) return serveLandingPage(ctx);
    if (site.rest.length === 2) return method === 'GET' ? serveWorkshopPage(ctx) : submitBookingForm(ctx);
    return sendNotFoundPage(req, reply);
  };

  for (const path of ['/', '/:a', '/:a/:b', '/:a/:b/:c']) app.get(path, options, dispatch('GET'));
  for (const path of ['/:a/:b', '/:a/:b/:c']) app.post(path, options, dispatch('POST'));
}
