import { z } from 'zod';
import { type AppError, isAppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import { slugify } from '../../lib/slug.ts';
import { extractCredential } from '../auth/credentials.ts';
import { bookingStudent } from '../bookings/public-bookings.routes.ts';
import { type SignedInStudent, signedInStudent } from '../immersio/student-session.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { Rendered } from '../public/render-cache.ts';
import { findWorkshopPageFacts, type WorkshopPageFacts } from './booking-site.repo.ts';
import { checkoutOrigin, knownZone } from './booking-site.ts';
import type { RenderedPage } from './layout.ts';
import { sendNotFoundPage } from './pages.ts';
import type { PageContext } from './web.routes.ts';
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

interface LoadedWorkshop {
  rendered: Rendered;
  view: PublicWorkshop;
  facts: WorkshopPageFacts;
}

/** The page's facts, loaded once per rendered catalogue answer (dropped with it on any change). */
const factsByRendered = new WeakMap<Rendered, Promise<WorkshopPageFacts | undefined>>();
/** Finished anonymous pages per rendered answer, by host form and zone. */
const pagesByRendered = new WeakMap<Rendered, Map<string, RenderedPage>>();
const MAX_PAGES_PER_WORKSHOP = 50;

const SSO_START = '/api/v1/oauth/immersio/start';

async function loadWorkshop(ctx: PageContext): Promise<LoadedWorkshop | undefined> {
  const { container, site } = ctx;
  const [teacherSlug, workshopSlug] = site.rest as [string, string];
  let rendered: Rendered;
  try {
    rendered = await container.publicCatalog.workshop(site.tenantSlug, workshopSlug);
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
    facts = findWorkshopPageFacts(container.db, rendered.tenantId, view.id, container.now());
    factsByRendered.set(rendered, facts);
    facts.catch(() => factsByRendered.delete(rendered));
  }
  const found = await facts;
  return found ? { rendered, view, facts: found } : undefined;
}

/** The "Sign in with Immersio" student of this school on this request, if any. */
async function studentOf(ctx: PageContext, tenantId: number): Promise<SignedInStudent | null> {
  // Anonymous visitors (nearly all) cost nothing more.
  if (!extractCredential(ctx.req.headers)) return null;
  return signedInStudent(ctx.container, ctx.req.headers, tenantId);
}

/** Paths as the visitor reached the site: on the school's host, or under `/{tenant}`. */
function paths(ctx: PageContext, view: PublicWorkshop, facts: WorkshopPageFacts) {
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
function ssoUrl(ctx: PageContext, view: PublicWorkshop, facts: WorkshopPageFacts): string | null {
  const { env, sso } = ctx.container;
  if (!facts.immersioConnected || !sso.configured || !env.IMMERSIO_SSO_AUTHORIZE_URL) return null;
  const origin = ctx.site.onTenantHost
    ? `https://${facts.brand.slug}.${env.BOOKING_DOMAIN}`
    : env.PUBLIC_BASE_URL;
  const { pagePath } = paths(ctx, view, facts);
  const query = new URLSearchParams({
    tenantSlug: facts.brand.slug,
    redirectUrl: `${origin}${pagePath}#book`,
  });
  return `${ctx.site.onTenantHost ? '' : env.PUBLIC_BASE_URL}${SSO_START}?${query}`;
}

function baseInput(
  ctx: PageContext,
  loaded: LoadedWorkshop,
  options: { zone: string; zoneChosen: boolean; student: SignedInStudent | null },
): Omit<WorkshopPageInput, 'form' | 'errors' | 'submitted'> {
  const { view, facts } = loaded;
  const { env } = ctx.container;
  // The form posts here and is redirected to the manage page (PUBLIC_BASE_URL, another origin on
  // the school's host) or, for a paid class, to Stripe Checkout.
  const formActions = [new URL(env.PUBLIC_BASE_URL).origin];
  const checkout = view.requiresPayment ? checkoutOrigin(ctx.container) : undefined;
  if (checkout) formActions.push(checkout);
  return {
    view,
    facts,
    ...paths(ctx, view, facts),
    zone: options.zone,
    zoneChosen: options.zoneChosen,
    student: options.student,
    ssoUrl: ssoUrl(ctx, view, facts),
    testMode: ctx.container.payments.testMode,
    formActions,
  };
}

export async function serveWorkshopPage(ctx: PageContext) {
  const loaded = await loadWorkshop(ctx);
  if (!loaded) return sendNotFoundPage(ctx.req, ctx.reply);
  const query = (ctx.req.query ?? {}) as Record<string, unknown>;
  const chosen = knownZone(query.tz);
  const zone = chosen ?? loaded.facts.sessionTimeZone;
  const student = await studentOf(ctx, loaded.rendered.tenantId);
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
      ...baseInput(ctx, loaded, { zone, zoneChosen: chosen !== undefined, student }),
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
  const key = `${ctx.site.onTenantHost ? 'host' : 'path'}:${chosen ?? ''}`;
  let page = pages.get(key);
  if (!page) {
    page = renderWorkshopPage({
      ...baseInput(ctx, loaded, { zone, zoneChosen: chosen !== undefined, student: null }),
      form: form({}),
      submitted: false,
      errors: {},
    });
    if (pages.size >= MAX_PAGES_PER_WORKSHOP) pages.clear();
    pages.set(key, page);
  }
  return sendPage(ctx.req, ctx.reply, page, { caching: 'public' });
}

const email = z.email();

function validate(form: BookingFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.startTime || Number.isNaN(Date.parse(form.startTime))) {
    errors.startTime = 'Please choose a session.';
  }
  if (form.name === '') errors.name = 'Please enter your name.';
  else if (form.name.length > 200) errors.name = 'Please keep your name to 200 characters or fewer.';
  if (form.email === '') errors.email = 'Please enter your e-mail address.';
  else if (form.email.length > 254 || !email.safeParse(form.email).success) {
    errors.email = 'Please enter a valid e-mail address, like name@example.com.';
  }
  if (!knownZone(form.timeZone)) errors.timeZone = 'Please choose your time zone from the list.';
  return errors;
}

/** The form's fields as strings (the app-wide parser gives an object of strings; JSON may not). */
function readForm(body: unknown): BookingFormValues {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
  };
  return {
    startTime: text('startTime'),
    name: text('name').replace(/\s+/g, ' '),
    email: text('email'),
    timeZone: text('timeZone'),
  };
}

/** A refusal of the bookings service as the page says it, or undefined if it is not the visitor's to fix. */
function refusal(
  error: AppError,
  context: { school: string; email: string; sso: boolean },
): { status: number; message: string; clearSession: boolean } | undefined {
  const school = escapeHtml(context.school);
  switch (error.code) {
    case 'NO_SEATS_AVAILABLE':
      return {
        status: 409,
        message: 'That session has just filled up. Please choose another session.',
        clearSession: true,
      };
    case 'BOOKING_CLOSED':
      return {
        status: 409,
        message:
          'That session is no longer open for booking: it has started or was cancelled. Please choose another session.',
        clearSession: true,
      };
    case 'NOT_FOUND':
      return {
        status: 409,
        message: 'That session is no longer on the schedule. Please choose another session.',
        clearSession: true,
      };
    case 'WHITELIST_DENIED':
      return {
        status: 403,
        message: `This class is only open to enrolled students of ${school}. If you are enrolled, book with the e-mail address the school has for you${context.sso ? ', or sign in with Immersio' : ''}; otherwise please contact ${school}.`,
        clearSession: false,
      };
    case 'CONFLICT':
      return {
        status: 409,
        message: `${escapeHtml(context.email)} already has a seat in that session. To see or cancel it, use the link in your confirmation e-mail.`,
        clearSession: false,
      };
    case 'STRIPE_NOT_CONFIGURED':
      return {
        status: 400,
        message: `${school} cannot take payments online yet, so this class cannot be booked here. Please contact ${school}.`,
        clearSession: false,
      };
    case 'PAYMENT_FAILED':
      return {
        status: 402,
        message:
          'The payment page could not be opened. You have not been charged; please try again in a moment.',
        clearSession: false,
      };
    case 'FORBIDDEN':
      return {
        status: 403,
        message: `${school} cannot take more bookings online at the moment. Please contact ${school}.`,
        clearSession: false,
      };
    case 'VALIDATION_ERROR':
      return { status: 400, message: 'Please check the form and try again.', clearSession: false };
    default:
      return undefined;
  }
}

export async function submitBookingForm(ctx: PageContext) {
  const loaded = await loadWorkshop(ctx);
  if (!loaded) return sendNotFoundPage(ctx.req, ctx.reply);
  const form = readForm(ctx.req.body);
  const student = await studentOf(ctx, loaded.rendered.tenantId);
  const zone = knownZone(form.timeZone) ?? loaded.facts.sessionTimeZone;

  const show = (current: LoadedWorkshop, status: number, errors: FieldErrors, problem?: string) => {
    const page = renderWorkshopPage({
      ...baseInput(ctx, current, { zone, zoneChosen: false, student }),
      form,
      submitted: true,
      errors,
      problem,
    });
    // It carries what the visitor typed: never cached.
    return sendPage(ctx.req, ctx.reply, page, { status, caching: 'private' });
  };

  const errors = validate(form);
  if (Object.keys(errors).length > 0) return show(loaded, 400, errors);

  try {
    const result = await ctx.container.bookings.create({
      tenantSlug: loaded.facts.brand.slug,
      workshopSlug: loaded.view.slug,
      startTime: new Date(form.startTime),
      attendee: { name: form.name, email: form.email, timeZone: form.timeZone },
      // The student id only ever comes from the session, never from the form.
      ...bookingStudent(undefined, student),
    });
    const location = result.payment ? result.payment.checkoutUrl : `${result.manageUrl}&booked=1`;
    return ctx.reply
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
      .redirect(location, 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'TENANT_NOT_FOUND' || error.code === 'WORKSHOP_NOT_FOUND') {
      return sendNotFoundPage(ctx.req, ctx.reply);
    }
    const said = refusal(error, {
      school: loaded.facts.brand.name,
      email: form.email,
      sso: !student && ssoUrl(ctx, loaded.view, loaded.facts) !== null,
    });
    if (!said) throw error;
    if (said.clearSession) form.startTime = '';
    // Seats and sessions as they are now (the refusal may be news to the cached answer).
    const current = (await loadWorkshop(ctx)) ?? loaded;
    return show(current, said.status, {}, said.message);
  }
}
