import type { Env } from '../../env.ts';
import { isAppError } from '../../lib/errors.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { slugify } from '../../lib/slug.ts';
import { extractCredential } from '../auth/credentials.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { LandingPreview, PublicService, RenderedLanding } from '../public/public.service.ts';
import type { ViewerResolver } from '../viewer/viewer-resolver.ts';
import { embedFrameOf, isEmbedRequest } from './embed/embed-frame.ts';
import { landingModel } from './landing-model.ts';
import { renderLandingPage } from './landing-render.ts';
import type { RenderedPage } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { type PageLanguage, pageLanguage, rememberLanguage } from './page-language.ts';
import { sendNotFoundPage } from './pages.ts';
import { sendPage } from './web-http.ts';

export interface LandingPageDeps {
  env: Pick<Env, 'BOOKING_DOMAIN' | 'PUBLIC_BASE_URL'>;
  publicCatalog: Pick<PublicService, 'landing' | 'previewLanding' | 'workshop'>;
  sessions: Pick<ViewerResolver, 'resolve'>;
}

/**
 * Published pages by the catalogue answer they were drawn from, one per language: the public
 * service renders a tenant's answer once until a write or a session start replaces it, so each
 * language's page is drawn once per answer too and goes when the answer does (a change of the
 * school's languages is such a write).
 */
const publishedPages = new WeakMap<RenderedLanding, Map<string, RenderedPage>>();

/**
 * A tenant's landing page (`/{tenantSlug}`, `https://{slug}.{BOOKING_DOMAIN}/`): the published page
 * for everyone, or, for the school's owners and admins while it is unpublished, a preview that is
 * never cached or indexed. Anyone else gets the 404 page, for unknown and unpublished alike.
 */
export async function serveLandingPage(ctx: PageContext, deps: LandingPageDeps) {
  const { req, reply, site } = ctx;
  const workshop = (req.query as Record<string, unknown> | undefined)?.workshop;
  if (isEmbedRequest(req) && typeof workshop === 'string' && /^[a-z0-9-]{1,100}$/i.test(workshop))
    return redirectToEmbeddedWorkshop(ctx, deps, workshop);
  const published = await orNotFound(deps.publicCatalog.landing(site.tenantSlug));
  if (published) {
    const language = pageLanguage(req, published.extras);
    const embed = embedFrameOf(req, published.extras.embedOrigins);
    let pages = publishedPages.get(published);
    if (!pages) {
      pages = new Map();
      publishedPages.set(published, pages);
    }
    // On the school's own domain the page names that domain as its address, so it is drawn apart;
    // so is the embed variant, whose links all stay on the service's own address (one frame origin).
    const key = `${embed ? 'embed' : (site.customOrigin ?? '')}|${language.locale}`;
    let page = pages.get(key);
    if (!page) {
      page = embed
        ? renderLandingPage(embeddedModel(published, language, deps), embed)
        : draw(published, language, false, deps, site.customOrigin);
      pages.set(key, page);
    }
    rememberLanguage(reply, language);
    return sendPage(req, reply, page, { caching: 'public' });
  }
  const preview = await previewFor(ctx, deps);
  if (!preview) return sendNotFoundPage(req, reply);
  const language = pageLanguage(req, preview.extras);
  rememberLanguage(reply, language);
  return sendPage(req, reply, draw(preview, language, true, deps, site.customOrigin), { caching: 'private' });
}

function draw(
  landing: Pick<LandingPreview, 'view' | 'extras'>,
  language: PageLanguage,
  preview: boolean,
  deps: LandingPageDeps,
  customOrigin: string | undefined,
): RenderedPage {
  return renderLandingPage(
    landingModel(landing.view, landing.extras, {
      homeUrl: customOrigin ?? tenantPublicUrl(deps.env, landing.extras.tenantSlug),
      preview,
      publicBaseUrl: deps.env.PUBLIC_BASE_URL,
      language,
    }),
  );
}

/**
 * The embedded catalogue (issue 20): every link on PUBLIC_BASE_URL, where the frame stays one
 * origin from the catalogue through the booking form to the manage page.
 */
function embeddedModel(published: RenderedLanding, language: PageLanguage, deps: LandingPageDeps) {
  const base = `${deps.env.PUBLIC_BASE_URL}/${published.extras.tenantSlug}`;
  const view = {
    ...published.view,
    workshops: published.view.workshops.map((w) => ({
      ...w,
      bookingUrl: `${base}/${slugify(w.teacher.name)}/${w.slug}`,
    })),
  };
  return landingModel(view, published.extras, {
    homeUrl: base,
    preview: false,
    publicBaseUrl: deps.env.PUBLIC_BASE_URL,
    language,
  });
}

/** embed.js's `data-workshop`: the workshop's embedded page, on PUBLIC_BASE_URL like the catalogue's. */
async function redirectToEmbeddedWorkshop(ctx: PageContext, deps: LandingPageDeps, slug: string) {
  const { req, reply, site } = ctx;
  const found = await orNotFound(deps.publicCatalog.workshop(site.tenantSlug, slug.toLowerCase()));
  if (!found) return sendNotFoundPage(req, reply);
  const view = found.view as PublicWorkshop;
  const target = new URL(
    `${deps.env.PUBLIC_BASE_URL}/${site.tenantSlug}/${slugify(view.teacher.name)}/${view.slug}`,
  );
  target.searchParams.set('embed', '1');
  const lang = (req.query as Record<string, unknown>).lang;
  if (typeof lang === 'string') target.searchParams.set('lang', lang);
  return reply.header('cache-control', 'public, max-age=60').redirect(target.href, 302);
}

/** The unpublished page for a signed-in OWNER or ADMIN of its tenant, else null. */
async function previewFor({ req, site }: PageContext, deps: LandingPageDeps): Promise<LandingPreview | null> {
  const credential = extractCredential(req.headers);
  if (!credential) return null;
  const viewer = await deps.sessions.resolve(credential);
  const adminOf = new Set(
    (viewer?.memberships ?? [])
      .filter((m) => m.role === 'OWNER' || m.role === 'ADMIN')
      .map((m) => m.tenantId),
  );
  if (adminOf.size === 0) return null;
  return orNotFound(deps.publicCatalog.previewLanding(site.tenantSlug, (tenantId) => adminOf.has(tenantId)));
}

async function orNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && (error.code === 'TENANT_NOT_FOUND' || error.code === 'WORKSHOP_NOT_FOUND')) {
      return null;
    }
    throw error;
  }
}
