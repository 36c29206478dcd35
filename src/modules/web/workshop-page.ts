import type { IncomingHttpHeaders } from 'node:http';
import type { Executor } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { isAppError } from '../../lib/errors.ts';
import { slugify } from '../../lib/slug.ts';
import { bookingStudent } from '../bookings/booking-form-rules.ts';
import type { BookingsService } from '../bookings/bookings.service.ts';
import type { EnrolmentsService } from '../bookings/enrolments/enrolments.service.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { PublicService } from '../public/public.service.ts';
import type { Rendered } from '../public/render-cache.ts';
import { type WorkshopPageFacts, workshopPageFacts } from '../public/workshop-page-facts.ts';
import type { SignedInStudent } from '../viewer/student-session.ts';
import { bookingFormErrors, bookingRefusal, readBookingForm } from './booking-form.ts';
import { formAnswers } from './booking-questions-form.ts';
import { checkoutOrigin, knownZone } from './booking-site.ts';
import { type EmbedFrame, embedFrameOf, keepEmbed } from './embed/embed-frame.ts';
import { enrolmentRefusal, WHOLE_COURSE } from './enrol-panel.ts';
import type { RenderedPage } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { type PageLanguage, pageLanguage, rememberLanguage } from './page-language.ts';
import { sendNotFoundPage } from './pages.ts';
import { dateInZone } from './slot-picker.ts';
import { type LoadedSlotPicker, loadSlotPicker } from './slot-picker-load.ts';
import { isWaitlistIntent, waitlistRefusal } from './waitlist-form.ts';
import { sendPage } from './web-http.ts';
import {
  type BookingFormValues,
  type FieldErrors,
  renderWorkshopPage,
  type WorkshopPageInput,
} from './workshop-render.ts';

// A workshop's public page (`/{tenant}/{teacher}/{workshop}`, or `/{teacher}/{workshop}` on the
// school's own host) and its booking form. The workshop, its schedule and seats are the public
// catalogue's cached answer (the same the REST API serves, with the same visibility rules); what
// the page adds (brand, policy, Immersio) is one query per rendered answer. A plain form POST
// books through the bookings service, as the REST booking API does.

/** The services the workshop page and its form use. */
export interface WorkshopPageDeps {
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'BOOKING_DOMAIN' | 'IMMERSIO_SSO_AUTHORIZE_URL'>;
  db: Executor;
  now: () => Date;
  publicCatalog: Pick<PublicService, 'workshop' | 'slots'>;
  bookings: Pick<BookingsService, 'create' | 'waitlist'>;
  enrolments: Pick<EnrolmentsService, 'create'>;
  sso: { readonly configured: boolean };
  payments: { readonly testMode: boolean };
  stripe?: { checkoutOrigin?: string } | undefined;
  /** The "Sign in with Immersio" student of this school on the request, if any. */
  studentOf(headers: IncomingHttpHeaders, tenantId: number): Promise<SignedInStudent | null>;
}

interface WorkshopContext extends PageContext {
  deps: WorkshopPageDeps;
}

interface LoadedWorkshop {
  rendered: Rendered;
  view: PublicWorkshop;
  facts: WorkshopPageFacts;
}

/** The page's facts, loaded once per rendered catalogue answer (dropped with it on any change). */
const factsByRendered = new WeakMap<Rendered, Promise<WorkshopPageFacts | undefined>>();
/**
 * Finished anonymous pages per rendered answer, by host form and zone (and, for a slot-booked
 * workshop, month and day: such a page is reused only while its slots answer is the same).
 */
const pagesByRendered = new WeakMap<Rendered, Map<string, { page: RenderedPage; slots?: Rendered }>>();
const MAX_PAGES_PER_WORKSHOP = 50;

const SSO_START = '/api/v1/oauth/immersio/start';

async function loadWorkshop(ctx: WorkshopContext): Promise<LoadedWorkshop | undefined> {
  const { deps, site } = ctx;
  const [teacherSlug, workshopSlug] = site.rest as [string, string];
  let rendered: Rendered;
  try {
    rendered = await deps.publicCatalog.workshop(site.tenantSlug, workshopSlug);
  } catch (error) {
    if (isAppError(error) && (error.code === 'TENANT_NOT_FOUND' || error.code === 'WORKSHOP_NOT_FOUND')) {
      return undefined;
    }
    throw error;
  }
  const view = rendered.view as PublicWorkshop;
  // The teacher segment must be this workshop's teacher (as in its bookingUrl); anything else is
  // not an address of this page.
  if (slugify(view.teacher.name) !== teacherSlug) return undefined;
  let facts = factsByRendered.get(rendered);
  if (!facts) {
    facts = workshopPageFacts(deps, rendered.tenantId, view.id);
    factsByRendered.set(rendered, facts);
    facts.catch(() => factsByRendered.delete(rendered));
  }
  const found = await facts;
  return found ? { rendered, view, facts: found } : undefined;
}

/** Paths as the visitor reached the site: on the school's host, or under `/{tenant}`. */
function paths(ctx: WorkshopContext, view: PublicWorkshop, facts: WorkshopPageFacts) {
  const base = ctx.site.onTenantHost ? '' : `/${facts.brand.slug}`;
  const pagePath = `${base}/${slugify(view.teacher.name)}/${view.slug}`;
  return { pagePath, homePath: facts.brand.landingPublished ? base || '/' : null };
}

/**
 * The "Sign in with Immersio" start link, when the school has a live integration and the service
 * has SSO set up. It starts on the host the visitor is on, so the round trip (state cookie,
 * return, session cookie) stays on that host: the school's own `{slug}.{BOOKING_DOMAIN}`, or
 * PUBLIC_BASE_URL. Cookies are never shared between the two.
 */
function ssoUrl(ctx: WorkshopContext, view: PublicWorkshop, facts: WorkshopPageFacts): string | null {
  const { env, sso } = ctx.deps;
  if (!facts.immersioConnected || !sso.configured || !env.IMMERSIO_SSO_AUTHORIZE_URL) return null;
  // On the school's own domain the round trip runs on the service's host instead (its return is
  // only ever accepted there or on the booking host), and comes back to this page under it.
  const onBookingHost = ctx.site.onTenantHost && !ctx.site.customOrigin;
  const origin = onBookingHost ? `https://${facts.brand.slug}.${env.BOOKING_DOMAIN}` : env.PUBLIC_BASE_URL;
  const { pagePath } = paths(ctx, view, facts);
  const path = ctx.site.customOrigin ? `/${facts.brand.slug}${pagePath}` : pagePath;
  const query = new URLSearchParams({
    tenantSlug: facts.brand.slug,
    redirectUrl: `${origin}${path}#book`,
  });
  return `${onBookingHost ? '' : env.PUBLIC_BASE_URL}${SSO_START}?${query}`;
}

/**
 * A slot-booked workshop's month and chosen day, in `zone` (the visitor's choice) or else the
 * teacher's schedule's; undefined for a fixed-schedule workshop.
 */
function slotPicker(
  ctx: WorkshopContext,
  loaded: LoadedWorkshop,
  choice: { zone: string | undefined; month: unknown; date: unknown },
): Promise<LoadedSlotPicker> | undefined {
  if (loaded.view.bookingMode !== 'slots') return undefined;
  return loadSlotPicker(ctx.deps.publicCatalog, {
    tenantSlug: loaded.facts.brand.slug,
    view: loaded.view,
    ...choice,
    now: ctx.deps.now(),
    fallbackZone: loaded.facts.sessionTimeZone,
  });
}

function baseInput(
  ctx: WorkshopContext,
  loaded: LoadedWorkshop,
  options: {
    zone: string;
    zoneChosen: boolean;
    student: SignedInStudent | null;
    slots?: LoadedSlotPicker;
    language: PageLanguage;
    embed: EmbedFrame | undefined;
  },
): Omit<WorkshopPageInput, 'form' | 'errors' | 'submitted'> {
  const { facts } = loaded;
  const { env } = ctx.deps;
  // On the school's own domain the page's address (canonical, alternates) is on that domain.
  const view = ctx.site.customOrigin
    ? { ...loaded.view, bookingUrl: `${ctx.site.customOrigin}${paths(ctx, loaded.view, facts).pagePath}` }
    : loaded.view;
  // The form posts here and is redirected to the manage page (PUBLIC_BASE_URL, another origin on
  // the school's host) or, for a paid class, to Stripe Checkout.
  const formActions = [new URL(env.PUBLIC_BASE_URL).origin];
  const checkout = view.requiresPayment ? checkoutOrigin(ctx.deps) : undefined;
  if (checkout) formActions.push(checkout);
  return {
    view,
    facts,
    ...paths(ctx, view, facts),
    // A slot-booked workshop's times are in the zone its slots answer was grouped in.
    zone: options.slots?.picker.zone ?? options.zone,
    zoneChosen: options.zoneChosen,
    student: options.student,
    ssoUrl: ssoUrl(ctx, view, facts),
    testMode: ctx.deps.payments.testMode,
    formActions,
    picker: options.slots?.picker,
    language: options.language,
    tr: options.language.tr,
    embed: options.embed,
  };
}

export async function serveWorkshopPage(context: PageContext, deps: WorkshopPageDeps) {
  const ctx: WorkshopContext = { ...context, deps };
  const loaded = await loadWorkshop(ctx);
  if (!loaded) return sendNotFoundPage(ctx.req, ctx.reply);
  const language = pageLanguage(ctx.req, loaded.facts.brand);
  rememberLanguage(ctx.reply, language);
  const query = (ctx.req.query ?? {}) as Record<string, unknown>;
  const chosen = knownZone(query.tz);
  const [student, slots] = await Promise.all([
    ctx.deps.studentOf(ctx.req.headers, loaded.rendered.tenantId),
    slotPicker(ctx, loaded, { zone: chosen, month: query.month, date: query.date }),
  ]);
  const zone = slots?.picker.zone ?? chosen ?? loaded.facts.sessionTimeZone;
  const embed = embedFrameOf(ctx.req, loaded.facts.brand.embedOrigins);
  const form = (values: Partial<BookingFormValues>): BookingFormValues => ({
    startTime: '',
    name: '',
    email: '',
    timeZone: zone,
    ...values,
  });

  if (student) {
    // Pre-filled for this student: never shared, never stored by a cache.
    const page = renderWorkshopPage({
      ...baseInput(ctx, loaded, { zone, zoneChosen: chosen !== undefined, student, slots, language, embed }),
      form: form({ name: student.name, email: student.email }),
      submitted: false,
      errors: {},
    });
    return sendPage(ctx.req, ctx.reply, page, { caching: 'private' });
  }

  let pages = pagesByRendered.get(loaded.rendered);
  if (!pages) {
    pages = new Map();
    pagesByRendered.set(loaded.rendered, pages);
  }
  const shown = slots ? `:${slots.picker.month}:${slots.picker.date ?? ''}` : '';
  // By language too: the same address is shown in the language each visitor's choice names.
  const embedded = embed ? 'embed:' : '';
  const key = `${embedded}${ctx.site.customOrigin ?? (ctx.site.onTenantHost ? 'host' : 'path')}:${language.locale}:${chosen ?? ''}${shown}`;
  let cached = pages.get(key);
  if (!cached || cached.slots !== slots?.rendered) {
    const page = renderWorkshopPage({
      ...baseInput(ctx, loaded, {
        zone,
        zoneChosen: chosen !== undefined,
        student: null,
        slots,
        language,
        embed,
      }),
      form: form({}),
      submitted: false,
      errors: {},
    });
    if (pages.size >= MAX_PAGES_PER_WORKSHOP) pages.clear();
    cached = { page, slots: slots?.rendered };
    pages.set(key, cached);
  }
  return sendPage(ctx.req, ctx.reply, cached.page, { caching: 'public' });
}

export async function submitBookingForm(context: PageContext, deps: WorkshopPageDeps) {
  const ctx: WorkshopContext = { ...context, deps };
  const loaded = await loadWorkshop(ctx);
  if (!loaded) return sendNotFoundPage(ctx.req, ctx.reply);
  // The form posts back with the language it was shown in; the booking is made in it.
  const language = pageLanguage(ctx.req, loaded.facts.brand);
  const { tr } = language;
  const form = readBookingForm(ctx.req.body);
  // The chooser's "whole course" (see enrol-panel.ts): every remaining session at once.
  const enrolling = form.startTime === WHOLE_COURSE && loaded.view.bookingMode === 'fixed';
  // The "join the waitlist" form of a full session (see waitlist-form.ts).
  const waitlisting = !enrolling && isWaitlistIntent(ctx.req.body) && loaded.view.bookingMode === 'fixed';
  const student = await ctx.deps.studentOf(ctx.req.headers, loaded.rendered.tenantId);
  const formZone = knownZone(form.timeZone);
  const zone = formZone ?? loaded.facts.sessionTimeZone;
  const bySlot = loaded.view.bookingMode === 'slots';
  // The day of the time asked for, in the zone the month is shown in (the visitor's).
  const asked = Date.parse(form.startTime);
  const askedDate = Number.isNaN(asked) ? undefined : dateInZone(new Date(asked), zone);

  const show = async (current: LoadedWorkshop, status: number, errors: FieldErrors, problem?: string) => {
    const slots = await slotPicker(ctx, current, { zone: formZone, month: undefined, date: askedDate });
    const page = renderWorkshopPage({
      ...baseInput(ctx, current, {
        zone,
        zoneChosen: false,
        student,
        slots,
        language,
        embed: embedFrameOf(ctx.req, current.facts.brand.embedOrigins),
      }),
      form,
      submitted: true,
      errors,
      problem,
      waitlisting,
    });
    // It carries what the visitor typed: never cached.
    return sendPage(ctx.req, ctx.reply, page, { status, caching: 'private' });
  };

  const { startTime: timeError, ...fieldErrors } = bookingFormErrors(form, { bySlot, tr });
  const errors = enrolling ? fieldErrors : { ...fieldErrors, ...(timeError && { startTime: timeError }) };
  if (Object.keys(errors).length > 0) return show(loaded, 400, errors);

  if (waitlisting) return joinWaitlist(ctx, loaded, { form, student, language }, show);

  try {
    const who = {
      tenantSlug: loaded.facts.brand.slug,
      workshopSlug: loaded.view.slug,
      attendee: { name: form.name, email: form.email, timeZone: form.timeZone },
      // The student id only ever comes from the session, never from the form.
      ...bookingStudent(undefined, student),
      language: language.locale,
    };
    const answers = formAnswers(loaded.facts.questions, form.answers ?? {});
    const result = enrolling
      ? await ctx.deps.enrolments.create({ ...who, answers })
      : await ctx.deps.bookings.create({ ...who, startTime: new Date(form.startTime), answers });
    const done = enrolling ? 'enrolled=1' : 'booked=1';
    // Inside the school's website a free booking's manage page opens in the frame (issue 20).
    const location = result.payment
      ? result.payment.checkoutUrl
      : keepEmbed(ctx.req, `${result.manageUrl}&${done}`);
    return ctx.reply
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
      .redirect(location, 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'TENANT_NOT_FOUND' || error.code === 'WORKSHOP_NOT_FOUND') {
      return sendNotFoundPage(ctx.req, ctx.reply);
    }
    const context = {
      school: loaded.facts.brand.name,
      email: form.email,
      sso: !student && ssoUrl(ctx, loaded.view, loaded.facts) !== null,
      tr,
      questions: loaded.facts.questions,
    };
    const said = enrolling ? enrolmentRefusal(error, context) : bookingRefusal(error, { ...context, bySlot });
    if (!said) throw error;
    if ('clearSession' in said && said.clearSession) form.startTime = '';
    // Seats and sessions as they are now (the refusal may be news to the cached answer).
    const current = (await loadWorkshop(ctx)) ?? loaded;
    return show(current, said.status, {}, said.message);
  }
}

/** The waitlist form: the student joins the chosen full session's line and lands on their waitlist page. */
async function joinWaitlist(
  ctx: WorkshopContext,
  loaded: LoadedWorkshop,
  sent: { form: BookingFormValues; student: SignedInStudent | null; language: PageLanguage },
  show: (current: LoadedWorkshop, status: number, errors: FieldErrors, problem?: string) => Promise<unknown>,
) {
  const { form, student, language } = sent;
  try {
    const result = await ctx.deps.bookings.waitlist.join({
      tenantSlug: loaded.facts.brand.slug,
      workshopSlug: loaded.view.slug,
      startTime: new Date(form.startTime),
      attendee: { name: form.name, email: form.email, timeZone: form.timeZone },
      immersioStudentId: bookingStudent(undefined, student).immersioStudentId,
      language: language.locale,
    });
    return ctx.reply
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
      .redirect(keepEmbed(ctx.req, `${result.manageUrl}&joined=1`), 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'TENANT_NOT_FOUND' || error.code === 'WORKSHOP_NOT_FOUND') {
      return sendNotFoundPage(ctx.req, ctx.reply);
    }
    const said = waitlistRefusal(error, {
      school: loaded.facts.brand.name,
      email: form.email,
      tr: language.tr,
    });
    if (!said) throw error;
    // Seats as they are now: a "book instead" answer means the page should offer the seat.
    return show((await loadWorkshop(ctx)) ?? loaded, said.status, {}, said.message);
  }
}
