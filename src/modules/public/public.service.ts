import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { isValidTimeZone } from '../../lib/time-zones.ts';
import { landingPageWithDefaults } from '../landing/landing-page-row.ts';
import { schoolLanguages } from '../tenants/school-languages.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import * as repo from './public.repo.ts';
import {
  type PublicLanding,
  type PublicWorkshop,
  publicLanding,
  publicSlots as publicSlotsSchema,
  publicWorkshop,
} from './public.schemas.ts';
import { freshAfterWrites } from './read-source.ts';
import { RenderCache, type Rendered } from './render-cache.ts';
import { nextFreeSlots, publicSlots, type SlotsQuery } from './slot-offer.ts';

/** How long a rendered answer is kept at most; writes invalidate it sooner through the bus. */
const RENDER_TTL_MS = 30_000;
/** The most upcoming sessions a workshop's public schedule lists. */
export const SCHEDULE_LIMIT = 100;

/** What the public sees of a location before booking: the kind, never the link or address. */
export const LOCATION_LABELS: Record<string, string> = {
  zoom: 'Zoom — link sent after booking',
  google_meet: 'Google Meet — link sent after booking',
  link: 'Online — link sent after booking',
  in_person: 'In person — address sent after booking',
};

/**
 * The public catalogue (spec section 2.1): a published tenant's landing data and an active
 * workshop's details, rendered once to JSON with an ETag and served from memory until a write
 * changes them (on any instance) or a session starts.
 */
export function createPublicService(deps: {
  db: Database;
  /** A read replica (DATABASE_READ_URL), or the primary again. */
  readDb?: Database;
  env: Env;
  bus: CacheBus;
  now: () => Date;
}) {
  const cache = new RenderCache({ now: () => deps.now().getTime() });
  const replica = freshAfterWrites(deps.db, deps.readDb, () => deps.now().getTime());
  deps.bus.subscribe((event) => {
    if (event.type === 'tenant' || event.type === 'catalog' || event.type === 'seats') {
      cache.invalidateTenant(event.tenantId);
      replica.wrote(event.tenantId);
    }
    // A teacher's name or avatar shows in every tenant they teach for; such changes are rare.
    if (event.type === 'user' || event.type === 'all') {
      cache.clear();
      replica.wrote(undefined);
    }
  });

  /** A published school by slug: the replica first, the primary for one it has not caught up on. */
  async function publicTenant(slug: string) {
    if (replica.db === deps.db) return findTenant(deps.db, { slug });
    const found = await findTenant(replica.db, { slug });
    return found && !replica.recent(found.id) ? found : findTenant(deps.db, { slug });
  }

  function render(tenantId: number, view: unknown, nextChange: number | null): Rendered {
    const body = Buffer.from(JSON.stringify(view));
    const now = deps.now().getTime();
    return {
      tenantId,
      body,
      view,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      expiresAt: Math.min(now + RENDER_TTL_MS, nextChange ?? Number.POSITIVE_INFINITY),
    };
  }

  /** The landing page's teacher (bio, avatar) is the school's owner. */
  async function teacherExtras(db: Database, tenantId: number) {
    const [page, ownerId] = await Promise.all([
      repo.findLandingPage(db, tenantId),
      repo.findOwnerId(db, tenantId),
    ]);
    return { page, ownerId };
  }

  /**
   * The landing's data, one builder for the public answer and the admin preview. The public sees
   * a published page only; `mayPreview` (the preview) decides from the tenant id alone whether the
   * caller may see the page as it stands, published or not.
   */
  async function buildLanding(
    slug: string,
    mayPreview: ((tenantId: number) => boolean) | null,
  ): Promise<LandingBuild> {
    const now = deps.now();
    // A preview shows the staff their own edit at once, so it reads the primary.
    const tenant = mayPreview ? await findTenant(deps.db, { slug }) : await publicTenant(slug);
    if (!tenant || (mayPreview && !mayPreview(tenant.id))) throw new AppError('TENANT_NOT_FOUND');
    const db = mayPreview ? deps.db : replica.for(tenant.id);
    const zone = tenant.timeZone;
    const [{ page: found, ownerId }, listed, languages] = await Promise.all([
      teacherExtras(db, tenant.id),
      repo.listActiveWorkshops(db, tenant.id, now),
      schoolLanguages(db, tenant.id),
    ]);
    const rows = await withNextSlots(db, tenant.id, listed, now);
    // A preview of a school that never opened its settings shows the defaults (made as getSettings does).
    const page = found ?? (mayPreview ? await landingPageWithDefaults(deps.db, tenant.id) : undefined);
    if (!page || (!mayPreview && !page.isPublished)) throw new AppError('TENANT_NOT_FOUND');
    const view: PublicLanding = publicLanding.parse({
      tenant: { name: tenant.name, logoUrl: tenant.logoUrl },
      settings: {
        templateId: page.templateId,
        primaryColor: page.primaryColor,
        secondaryColor: page.secondaryColor,
        heroImageUrl: page.heroImageUrl,
        pageTitle: page.pageTitle ?? tenant.name,
        pageSubtitle: page.pageSubtitle,
        teacherBio: page.teacherBio,
        teacherAvatarUrl: page.teacherAvatarUrl,
        socialLinks: page.socialLinks,
        ctaText: page.ctaText,
        metaTitle: page.metaTitle,
        metaDescription: page.metaDescription,
      },
      workshops: rows.map((row) => ({
        ...offer(row),
        availableSeats: seatsLeft(row.nextSeats, row.nextBooked),
        teacher: {
          name: row.teacherName,
          avatarUrl: row.teacherAvatarUrl ?? (row.teacherId === ownerId ? page.teacherAvatarUrl : null),
        },
        nextOccurrence: isoOrNull(row.nextStart),
        bookingUrl: workshopBookingUrl(deps.env, tenant.slug, row.teacherName, row.slug),
        bookingMode: row.bookingMode,
      })),
    });
    const starts = rows.map((row) => row.nextChange).filter((start) => start !== null);
    return {
      tenantId: tenant.id,
      isPublished: page.isPublished,
      view,
      extras: {
        tenantSlug: tenant.slug,
        timeZone: isValidTimeZone(zone) ? zone : 'UTC',
        modes: Object.fromEntries(rows.map((row) => [row.id, courseModes(row.locations)])),
        teachingLanguages: Object.fromEntries(
          rows.flatMap((row) => (row.teachingLanguage ? [[row.id, row.teachingLanguage]] : [])),
        ),
        defaultLanguage: languages?.defaultLanguage ?? 'en',
        pageLanguages: languages?.pageLanguages ?? null,
        embedOrigins: page.embedOrigins,
      },
      nextChange: starts.length > 0 ? Math.min(...starts) : null,
    };
  }

  async function renderLanding(slug: string): Promise<RenderedLanding> {
    const built = await buildLanding(slug, null);
    return {
      ...render(built.tenantId, built.view, built.nextChange),
      view: built.view,
      extras: built.extras,
    };
  }

  async function renderWorkshop(tenantSlug: string, slug: string): Promise<Rendered> {
    const now = deps.now();
    const tenant = await publicTenant(tenantSlug);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    const db = replica.for(tenant.id);
    const row = await repo.findActiveWorkshop(db, tenant.id, slug, now);
    if (!row) throw new AppError('WORKSHOP_NOT_FOUND');
    const [{ page, ownerId }, sessions, slots] = await Promise.all([
      teacherExtras(db, tenant.id),
      row.bookingMode === 'slots' ? [] : repo.upcomingSessions(db, tenant.id, row.id, now, SCHEDULE_LIMIT),
      row.bookingMode === 'slots'
        ? nextFreeSlots(db, { tenantId: tenant.id, row, now, limit: SCHEDULE_LIMIT })
        : undefined,
    ]);
    const isOwner = row.teacherId === ownerId;
    const view: PublicWorkshop = publicWorkshop.parse({
      ...offer(row),
      totalSeats: row.seats,
      availableSeats: slots
        ? (slots.schedule[0]?.availableSeats ?? 0)
        : seatsLeft(row.nextSeats, row.nextBooked),
      locations: row.locations.map((location) => ({
        type: location.type,
        displayValue: LOCATION_LABELS[location.type] ?? 'Details sent after booking',
      })),
      teacher: {
        name: row.teacherName,
        bio: isOwner ? (page?.teacherBio ?? null) : null,
        avatarUrl: row.teacherAvatarUrl ?? (isOwner ? (page?.teacherAvatarUrl ?? null) : null),
      },
      schedule:
        slots?.schedule ??
        sessions.map((session) => {
          const start = new Date(session.startTime);
          return {
            date: DateTime.fromJSDate(start, { zone: session.timeZone }).toISODate()!,
            startTime: start.toISOString(),
            endTime: new Date(session.endTime).toISOString(),
            availableSeats: seatsLeft(session.seats, session.bookedSeats),
          };
        }),
      bookingUrl: workshopBookingUrl(deps.env, tenant.slug, row.teacherName, row.slug),
      requiresPayment: row.price > 0,
      whitelistEnabled: row.whitelistEnabled,
      bookingMode: row.bookingMode,
      waitlistEnabled: row.waitlistEnabled && row.bookingMode === 'fixed',
      ...(row.teachingLanguage && { teachingLanguage: row.teachingLanguage }),
    });
    const nextChange = slots ? slots.nextChange : row.nextStart === null ? null : toMillis(row.nextStart);
    return render(tenant.id, view, nextChange);
  }

  /**
   * Slot-booked workshops show their first free slot as their next occurrence (and its seats);
   * every row gets the moment its line goes stale by itself.
   */
  async function withNextSlots(db: Database, tenantId: number, rows: repo.PublicWorkshopRow[], now: Date) {
    return Promise.all(
      rows.map(async (row) => {
        if (row.bookingMode !== 'slots') {
          return { ...row, nextChange: row.nextStart === null ? null : toMillis(row.nextStart) };
        }
        const { schedule, nextChange } = await nextFreeSlots(db, { tenantId, row, now, limit: 1 });
        const first = schedule[0];
        return {
          ...row,
          nextStart: first?.startTime ?? null,
          nextSeats: first ? first.availableSeats : null,
          nextBooked: first ? 0 : null,
          nextChange,
        };
      }),
    );
  }

  async function renderSlots(tenantSlug: string, slug: string, query: SlotsQuery): Promise<Rendered> {
    const now = deps.now();
    const tenant = await publicTenant(tenantSlug);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    const db = replica.for(tenant.id);
    const row = await repo.findActiveWorkshop(db, tenant.id, slug, now);
    if (!row) throw new AppError('WORKSHOP_NOT_FOUND');
    const { view, nextChange } = await publicSlots(db, {
      tenantId: tenant.id,
      tenantTimeZone: isValidTimeZone(tenant.timeZone) ? tenant.timeZone : 'UTC',
      row,
      query,
      now,
    });
    return render(tenant.id, publicSlotsSchema.parse(view), nextChange);
  }

  return {
    /** A published tenant's landing (the REST answer; `view` and `extras` feed the web page). */
    landing: (slug: string) =>
      // Only renderLanding fills these keys, so what comes back is a RenderedLanding.
      cache.get(`landing:${slug}`, () => renderLanding(slug)) as Promise<RenderedLanding>,
    /**
     * The landing as the school's admins see it, published or not (the web page's preview): built
     * fresh on every call and never put in the shared cache. TENANT_NOT_FOUND unless the tenant
     * exists and `mayPreview(tenantId)`.
     */
    previewLanding: async (
      slug: string,
      mayPreview: (tenantId: number) => boolean,
    ): Promise<LandingPreview> => {
      const { tenantId, isPublished, view, extras } = await buildLanding(slug, mayPreview);
      return { tenantId, isPublished, view, extras };
    },
    workshop: (tenantSlug: string, slug: string) =>
      cache.get(`workshop:${tenantSlug}/${slug}`, () => renderWorkshop(tenantSlug, slug)),
    /** A workshop's free slots (or open sessions) over the visitor's dates; see slot-offer.ts. */
    slots: (tenantSlug: string, slug: string, query: SlotsQuery) =>
      cache.get(
        `slots:${tenantSlug}/${slug}?${query.from ?? ''}&${query.to ?? ''}&${query.timeZone ?? ''}`,
        () => renderSlots(tenantSlug, slug, query),
      ),
    /** For tests and diagnostics. */
    cachedEntries: () => cache.size,
  };
}

export type PublicService = ReturnType<typeof createPublicService>;

/** Where a workshop takes place, in schema.org's courseMode words. */
export type CourseMode = 'online' | 'onsite';

/** What the landing's web page needs beyond the spec's JSON; never part of the REST answer. */
export interface LandingExtras {
  tenantSlug: string;
  /** The school's IANA zone, for the times the server writes. */
  timeZone: string;
  /** Where each workshop takes place, by workshop id (empty when it has no location). */
  modes: Record<number, CourseMode[]>;
  /** The language each workshop is taught in, by id, where the school says (issue 18). */
  teachingLanguages?: Record<number, string>;
  /** The school's page languages (issue 18): its default, and the offered ones (null: all). */
  defaultLanguage: string;
  pageLanguages: string[] | null;
  /** The sites allowed to frame the page (issue 20). */
  embedOrigins: string[];
}

export interface RenderedLanding extends Rendered {
  view: PublicLanding;
  extras: LandingExtras;
}

export interface LandingPreview {
  tenantId: number;
  isPublished: boolean;
  view: PublicLanding;
  extras: LandingExtras;
}

interface LandingBuild extends LandingPreview {
  nextChange: number | null;
}

function courseModes(locations: Array<{ type: string }>): CourseMode[] {
  const modes = new Set<CourseMode>();
  for (const { type } of locations) modes.add(type === 'in_person' ? 'onsite' : 'online');
  return [...modes].sort();
}

function offer(row: repo.PublicWorkshopRow) {
  const { id, title, slug, description, duration, price, currency } = row;
  return { id, title, slug, description, duration, price, currency };
}

function seatsLeft(seats: number | null, booked: number | null): number {
  return seats === null ? 0 : Math.max(0, seats - (booked ?? 0));
}

// Raw SQL rows bring timestamps as strings on some drivers.
function toMillis(value: Date | string): number {
  return new Date(value).getTime();
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
