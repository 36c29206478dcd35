import { singleLine } from '../../lib/single-line.ts';
import { decimalPrice, isoDuration, truncate } from './landing-format.ts';
import type { LandingModel, WorkshopItem } from './landing-model.ts';
import type { OpenGraph } from './layout.ts';
import { languageUrl } from './page-language.ts';

// What search engines and link previews read: the title, the description, Open Graph, and
// schema.org JSON-LD (layout.ts serialises it so no value can end the script block).

/** The meta title, else "{page title} | {school}" (just the school when they are the same). */
export function landingTitle(m: LandingModel): string {
  const meta = m.settings.metaTitle ? singleLine(m.settings.metaTitle) : '';
  if (meta) return meta;
  return m.title === m.schoolName ? m.schoolName : `${m.title} | ${m.schoolName}`;
}

/** The meta description, else the subtitle, the bio's opening, or "Book classes with {school}". */
export function landingDescription(m: LandingModel): string {
  const meta = m.settings.metaDescription ? singleLine(m.settings.metaDescription) : '';
  if (meta) return meta;
  if (m.subtitle) return truncate(m.subtitle, 160);
  if (m.bio) return truncate(m.bio, 160);
  return m.tr.t('landing.seo.description', { school: m.schoolName });
}

/** The page's address in its language: the bare URL in the school's default, `?lang=` otherwise. */
export function landingUrl(m: LandingModel): string {
  if (!m.language || m.locale === m.language.schoolDefault) return m.homeUrl;
  return languageUrl(m.homeUrl, m.locale, m.language);
}

export function landingOpenGraph(m: LandingModel): OpenGraph {
  return {
    type: 'website',
    title: m.settings.metaTitle ? singleLine(m.settings.metaTitle) || m.title : m.title,
    description: landingDescription(m),
    url: landingUrl(m),
    image: m.heroUrl ?? m.logoUrl ?? m.avatarUrl,
    siteName: m.schoolName,
  };
}

const AVAILABILITY = {
  inStock: 'https://schema.org/InStock',
  soldOut: 'https://schema.org/SoldOut',
};

/**
 * An EducationalOrganization whose offer catalogue lists each workshop as a Course, with its next
 * session as a CourseInstance and its price as an Offer.
 */
export function landingJsonLd(m: LandingModel): Record<string, unknown> {
  const sameAs = m.social.map((link) => link.url);
  return {
    '@context': 'https://schema.org',
    '@type': 'EducationalOrganization',
    '@id': `${m.homeUrl}#organization`,
    name: m.schoolName,
    url: m.homeUrl,
    description: landingDescription(m),
    ...(m.logoUrl ? { logo: m.logoUrl } : {}),
    ...(m.heroUrl ? { image: m.heroUrl } : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
    hasOfferCatalog: {
      '@type': 'OfferCatalog',
      name: m.tr.t('landing.seo.catalogue'),
      itemListElement: m.workshops.map((w) => course(m, w)),
    },
  };
}

function course(m: LandingModel, w: WorkshopItem): Record<string, unknown> {
  const mode = w.modes.length === 2 ? 'blended' : w.modes[0];
  const start = w.next ? new Date(w.next.iso) : null;
  return {
    '@type': 'Course',
    name: w.title,
    description: w.description ? truncate(w.description, 500) : w.title,
    url: w.bookingUrl,
    provider: { '@type': 'EducationalOrganization', name: m.schoolName, url: m.homeUrl },
    hasCourseInstance: {
      '@type': 'CourseInstance',
      ...(mode ? { courseMode: mode } : {}),
      ...(start
        ? {
            startDate: start.toISOString(),
            endDate: new Date(start.getTime() + w.durationMinutes * 60_000).toISOString(),
          }
        : {}),
      duration: isoDuration(w.durationMinutes),
      instructor: { '@type': 'Person', name: w.teacher.name },
    },
    offers: {
      '@type': 'Offer',
      price: decimalPrice(w.amount, w.currency),
      priceCurrency: w.currency.toUpperCase(),
      category: w.free ? 'Free' : 'Paid',
      ...(w.next ? { availability: w.soldOut ? AVAILABILITY.soldOut : AVAILABILITY.inStock } : {}),
      url: w.bookingUrl,
    },
  };
}
