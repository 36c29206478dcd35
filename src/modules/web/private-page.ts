import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import { BOOKING_CSS, brandCss, siteFooter, siteHeader } from './booking-site.ts';
import { type EmbedFrame, embedFrameOf } from './embed/embed-frame.ts';
import { type RenderedPage, renderPage } from './layout.ts';
import {
  type PageLanguage,
  pageLanguage,
  pageLanguages,
  rememberLanguage,
  type SchoolLanguages,
} from './page-language.ts';

// What the pages behind a student's secret link (a booking's, an enrolment's, a waitlist entry's,
// a pass's) share in the page itself: the school's header and colours, never indexed, no script,
// and their language (issue 18): `?lang=`, the cookie, then the language the student's booking,
// entry or pass was made in, then Accept-Language and the school's default.

/** The school as the page shows it (colours are the landing page's; defaults if unknown). */
export interface Brand {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  /** The school's landing page, when it is published. */
  homeUrl: string | null;
  /** The school's default language and its pages' languages (tenants.default_language, page_languages). */
  languages?: SchoolLanguages | undefined;
  /** The sites allowed to frame the school's pages (issue 20). */
  embedOrigins?: string[] | undefined;
}

/** The page's language as a private page writes it: the translator and the switcher's HTML. */
export interface PrivateLanguage {
  tr: Translator;
  /** The language switcher, its links keeping the token (empty on a one-language school). */
  switcher?: string | undefined;
  /** hreflang alternates and the canonical URL: only the school's passes page (indexed) has them. */
  alternates?: Array<{ hreflang: string; href: string }> | undefined;
  canonicalUrl?: string | undefined;
  /** Shown inside the school's website through embed.js (issue 20). */
  embed?: EmbedFrame | undefined;
}

/** Why a form was refused, written once the page's language is known (plain text). */
export type PageError = (tr: Translator) => string;

/** English, no switcher: what a page built without a request (a test, a constant) gets. */
export const ENGLISH_PAGE: PrivateLanguage = { tr: translator('en') };

/**
 * The language of a private page at `pagePath` (its token-bearing path, e.g. viewPath's), for the
 * student whose record was made in `stored`; a choice made with `?lang=` is kept in the cookie.
 */
export function privatePageLanguage(
  req: FastifyRequest,
  reply: FastifyReply,
  school: Pick<Brand, 'languages' | 'embedOrigins'>,
  stored: string | null,
  pagePath: string,
): PrivateLanguage & { language: PageLanguage } {
  const language = pageLanguage(req, school.languages, stored);
  rememberLanguage(reply, language);
  // Only the path matters (the switcher's links are relative); the origin just makes it a URL.
  const { switcher } = pageLanguages(new URL(pagePath, 'http://localhost').toString(), language);
  return { tr: language.tr, switcher, language, embed: embedFrameOf(req, school.embedOrigins) };
}

/** The language of a page with no record behind it (a not-found page): the request's. */
export function requestPageLanguage(req: FastifyRequest): PrivateLanguage {
  return { tr: pageLanguage(req, null).tr };
}

/** A private page: the school's header and colours around `main`, never indexed, no script. */
export function privatePage(input: {
  title: string;
  brand: Brand | undefined;
  /** The content of `<main>`, and its class (the manage pages' narrow column by default). */
  main: string;
  mainClass?: string | undefined;
  css?: string | undefined;
  language: PrivateLanguage;
  /** Origins its forms may post or be redirected to (Stripe Checkout). */
  formActions?: string[] | undefined;
  /** The school's passes page takes buy forms and is indexed. */
  indexed?: boolean | undefined;
}): RenderedPage {
  const { brand, language } = input;
  const tr = language.tr;
  const header = brand
    ? siteHeader(brand, brand.homeUrl, tr)
    : `<a class="skip" href="#main">${tr.html('site.skipToContent')}</a>`;
  const footer = brand ? siteFooter(brand, brand.homeUrl, tr) : '';
  const mainClass = input.mainClass ?? 'wrap narrow stack manage';
  // Times here are in the attendee's own zone (named), so there is nothing for site.js to do,
  // and a page behind a secret link runs no code at all.
  return renderPage(
    {
      title: input.title,
      noindex: !input.indexed,
      script: false,
      lang: tr.locale,
      canonicalUrl: language.canonicalUrl,
      languages: { alternates: language.alternates ?? [], switcher: language.switcher ?? '' },
      embed: language.embed,
      css: `${brandCss(brand)}${BOOKING_CSS}${input.css ?? ''}`,
      body: `${header}<main${mainClass ? ` class="${mainClass}"` : ''} id="main">${input.main}</main>${footer}`,
    },
    { formActions: input.formActions },
  );
}

/** A page built once per language (the not-found pages). */
export function perLanguage(build: (language: PrivateLanguage) => RenderedPage) {
  const pages = new Map<string, RenderedPage>();
  return (language: PrivateLanguage = ENGLISH_PAGE): RenderedPage => {
    let page = pages.get(language.tr.locale);
    if (!page) {
      page = build({ tr: language.tr });
      pages.set(language.tr.locale, page);
    }
    return page;
  };
}
