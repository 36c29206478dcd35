import type { Locale } from '../../lib/i18n/locales.schema.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import { singleLine } from '../../lib/single-line.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { PublicLanding } from '../public/public.schemas.ts';
import type { CourseMode, LandingExtras } from '../public/public.service.ts';
import { formatDateTime, formatDuration, seatsText, truncate } from './landing-format.ts';
import type { PageLanguage } from './page-language.ts';

// What a landing template draws: the spec's landing JSON turned into display text once, so the
// five templates differ only in layout and tone. Strings here are plain text (templates escape
// them); URLs are absolute http(s) or null. Fixed text is in the page's language (`tr`); what the
// school wrote (titles, descriptions, bio, its own call to action) stays as written.

export const TEMPLATE_IDS = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface WorkshopItem {
  id: number;
  title: string;
  /** The description cut to a card's length, or null. */
  summary: string | null;
  /** The description cut shorter, for compact rows. */
  shortSummary: string | null;
  price: string;
  free: boolean;
  duration: string;
  durationMinutes: number;
  /** The next session: its instant and the server's text for it in the school's zone. */
  next: { iso: string; text: string } | null;
  /** "3 seats left" / "Fully booked" for the next session, null without one. */
  seats: string | null;
  availableSeats: number;
  soldOut: boolean;
  modes: CourseMode[];
  /** The language the class is taught in (BCP 47), when the school says. */
  teachingLanguage: string | null;
  /** "Online", "In person", "Online or in person", or null when unknown. */
  where: string | null;
  bookingUrl: string;
  teacher: { name: string; avatarUrl: string | null };
  /** The raw figures JSON-LD needs. */
  amount: number;
  currency: string;
  description: string | null;
}

export interface SocialLink {
  network: string;
  label: string;
  url: string;
}

export interface LandingModel {
  templateId: TemplateId;
  schoolName: string;
  logoUrl: string | null;
  heroUrl: string | null;
  avatarUrl: string | null;
  title: string;
  subtitle: string | null;
  /** The teacher's or school's bio, plain text with line breaks. */
  bio: string | null;
  ctaText: string;
  social: SocialLink[];
  workshops: WorkshopItem[];
  /** The tenant's public address (canonical). */
  homeUrl: string;
  timeZone: string;
  /** The zone as people read it: "America/New York". */
  zoneLabel: string;
  preview: boolean;
  settings: PublicLanding['settings'];
  /** PUBLIC_BASE_URL: images under its `/uploads/` are ours, and come in several widths. */
  publicBaseUrl: string | null;
  /** The page's language: its messages, dates and prices. */
  tr: Translator;
  locale: Locale;
  /** How the language was chosen and what else is offered (alternates, switcher); null in tests. */
  language: PageLanguage | null;
}

/**
 * The call to action's column default: a school that never set its own gets the words in the
 * page's language instead (docs/decisions.md, issue 18).
 */
export const STORED_DEFAULT_CTA = 'Book Now';

const SOCIAL: Array<[string, string]> = [
  ['facebook', 'Facebook'],
  ['instagram', 'Instagram'],
  ['youtube', 'YouTube'],
  ['tiktok', 'TikTok'],
];

const WHERE = {
  online: 'landing.where.online',
  onsite: 'landing.where.onsite',
  'online,onsite': 'landing.where.either',
} as const;

export function landingModel(
  view: PublicLanding,
  extras: LandingExtras,
  options: {
    homeUrl: string;
    preview: boolean;
    publicBaseUrl?: string | undefined;
    /** The page's language (pageLanguage); English without one. */
    language?: PageLanguage | undefined;
  },
): LandingModel {
  const { settings } = view;
  const tr = options.language?.tr ?? translator();
  const cta = singleLine(settings.ctaText);
  const templateId = (TEMPLATE_IDS as readonly string[]).includes(settings.templateId)
    ? (settings.templateId as TemplateId)
    : 'education';
  return {
    templateId,
    schoolName: singleLine(view.tenant.name),
    logoUrl: webUrl(view.tenant.logoUrl),
    heroUrl: webUrl(settings.heroImageUrl),
    avatarUrl: webUrl(settings.teacherAvatarUrl),
    title: singleLine(settings.pageTitle) || singleLine(view.tenant.name),
    subtitle: nonEmpty(settings.pageSubtitle),
    bio: settings.teacherBio?.trim() ? settings.teacherBio.trim() : null,
    ctaText: cta && cta !== STORED_DEFAULT_CTA ? cta : tr.t('landing.cta.default'),
    social: SOCIAL.flatMap(([network, label]) => {
      const url = webUrl(settings.socialLinks[network]);
      return url ? [{ network, label, url }] : [];
    }),
    workshops: view.workshops.map((w) => {
      const modes = extras.modes[w.id] ?? [];
      const next = w.nextOccurrence
        ? { iso: w.nextOccurrence, text: formatDateTime(w.nextOccurrence, extras.timeZone, tr.locale) }
        : null;
      const description = nonEmpty(w.description);
      return {
        id: w.id,
        title: singleLine(w.title),
        summary: description ? truncate(description, 180) : null,
        shortSummary: description ? truncate(description, 90) : null,
        price: tr.price(w.price, w.currency),
        free: w.price <= 0,
        duration: formatDuration(w.duration, tr),
        durationMinutes: w.duration,
        next,
        seats: next ? seatsText(w.availableSeats, tr) : null,
        availableSeats: w.availableSeats,
        soldOut: next !== null && w.availableSeats <= 0,
        modes,
        teachingLanguage: extras.teachingLanguages?.[w.id] ?? null,
        where: whereText(tr, modes),
        bookingUrl: webUrl(w.bookingUrl) ?? options.homeUrl,
        teacher: { name: singleLine(w.teacher.name), avatarUrl: webUrl(w.teacher.avatarUrl) },
        amount: w.price,
        currency: w.currency,
        description,
      };
    }),
    homeUrl: options.homeUrl,
    timeZone: extras.timeZone,
    zoneLabel: extras.timeZone.replace(/_/g, ' '),
    preview: options.preview,
    settings,
    publicBaseUrl: options.publicBaseUrl ?? null,
    tr,
    locale: tr.locale,
    language: options.language ?? null,
  };
}

function whereText(tr: Translator, modes: CourseMode[]): string | null {
  const key = modes.join(',');
  return key in WHERE ? tr.t(WHERE[key as keyof typeof WHERE]) : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}
