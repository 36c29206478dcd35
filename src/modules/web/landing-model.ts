import { singleLine } from '../../lib/single-line.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { PublicLanding } from '../public/public.schemas.ts';
import type { CourseMode, LandingExtras } from '../public/public.service.ts';
import { formatDateTime, formatDuration, formatPrice, seatsText, truncate } from './landing-format.ts';

// What a landing template draws: the spec's landing JSON turned into display text once, so the
// five templates differ only in layout and tone. Strings here are plain text (templates escape
// them); URLs are absolute http(s) or null.

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
}

const SOCIAL: Array<[string, string]> = [
  ['facebook', 'Facebook'],
  ['instagram', 'Instagram'],
  ['youtube', 'YouTube'],
  ['tiktok', 'TikTok'],
];

const WHERE: Record<string, string> = {
  online: 'Online',
  onsite: 'In person',
  'online,onsite': 'Online or in person',
};

export function landingModel(
  view: PublicLanding,
  extras: LandingExtras,
  options: { homeUrl: string; preview: boolean; publicBaseUrl?: string | undefined },
): LandingModel {
  const { settings } = view;
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
    ctaText: singleLine(settings.ctaText) || 'Book now',
    social: SOCIAL.flatMap(([network, label]) => {
      const url = webUrl(settings.socialLinks[network]);
      return url ? [{ network, label, url }] : [];
    }),
    workshops: view.workshops.map((w) => {
      const modes = extras.modes[w.id] ?? [];
      const next = w.nextOccurrence
        ? { iso: w.nextOccurrence, text: formatDateTime(w.nextOccurrence, extras.timeZone) }
        : null;
      const description = nonEmpty(w.description);
      return {
        id: w.id,
        title: singleLine(w.title),
        summary: description ? truncate(description, 180) : null,
        shortSummary: description ? truncate(description, 90) : null,
        price: formatPrice(w.price, w.currency),
        free: w.price <= 0,
        duration: formatDuration(w.duration),
        durationMinutes: w.duration,
        next,
        seats: next ? seatsText(w.availableSeats) : null,
        availableSeats: w.availableSeats,
        soldOut: next !== null && w.availableSeats <= 0,
        modes,
        where: WHERE[modes.join(',')] ?? null,
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
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}
