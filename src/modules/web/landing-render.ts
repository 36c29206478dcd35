import type { EmbedFrame } from './embed/embed-frame.ts';
import type { LandingModel } from './landing-model.ts';
import {
  landingDescription,
  landingJsonLd,
  landingOpenGraph,
  landingTitle,
  landingUrl,
} from './landing-seo.ts';
import { landingTheme, landingThemeCss } from './landing-theme.ts';
import { type RenderedPage, renderPage } from './layout.ts';
import { pageLanguages } from './page-language.ts';
import { BASE_CSS } from './templates/base-css.ts';
import { LANDING_TEMPLATES } from './templates/index.ts';

/** Template CSS without its layout newlines (it is written by us, never from input). */
const compact = (css: string) => css.replace(/\n+/g, '').trim();
const BASE = compact(BASE_CSS);
const TEMPLATE_CSS = new Map(Object.values(LANDING_TEMPLATES).map((t) => [t.id, compact(t.css)]));

/**
 * A landing page: the template's body, the tenant's colours as the theme's `:root` rule plus the
 * landing and template rules (one inline style, admitted by its hash), SEO and JSON-LD.
 */
const PHONE_SCREENS = '(max-width: 40rem)';

export function renderLandingPage(m: LandingModel, embed?: EmbedFrame): RenderedPage {
  const template = LANDING_TEMPLATES[m.templateId];
  const theme = landingTheme(m.settings.primaryColor, m.settings.secondaryColor, template.surfaces);
  const lead = template.leadImage(m);
  return renderPage({
    title: landingTitle(m),
    description: landingDescription(m),
    // In the page's language: the bare URL for the school's default, `?lang=` for the others,
    // with every offered language as an hreflang alternate and in the switcher.
    canonicalUrl: landingUrl(m),
    languages: m.language ? pageLanguages(m.homeUrl, m.language) : undefined,
    noindex: m.preview,
    openGraph: landingOpenGraph(m),
    jsonLd: landingJsonLd(m),
    css: `${landingThemeCss(theme)}${BASE}${TEMPLATE_CSS.get(template.id)}`,
    bodyClass: `tpl-${template.id}${m.preview ? ' is-preview' : ''}`,
    body: template.body(m),
    // An upload's srcset picks this width on phones; a wide screen picks a larger one, so the
    // preload is for phones only there (no file fetched twice). Other images: preloaded as they are.
    preloadImages: lead ? [lead.includes('?w=') ? { href: lead, media: PHONE_SCREENS } : lead] : [],
    lang: m.locale,
    embed,
  });
}
