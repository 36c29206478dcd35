import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { isAppError } from '../../lib/errors.ts';
import { FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody } from '../../lib/form-body.ts';
import type { MessageKey, MessageValues } from '../../lib/i18n/translator.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { tenantBrand } from '../public/tenant-brand.ts';
import { keepEmbed } from './embed/embed-frame.ts';
import type { RenderedPage } from './layout.ts';
import { type Brand, MAX_REASON } from './manage-page.ts';
import { type PageError, type PrivateLanguage, requestPageLanguage } from './private-page.ts';
import { sendPage } from './web-http.ts';

// What the pages a student's secret link opens (a booking's, an enrolment's, a waitlist entry's,
// a pass's) share: the token in the URL is their only authorisation, so nothing may store or
// pass on their answers, and a wrong uid or token is the same not-found page.

/** Route options: the URL carries a secret, so nothing may store these answers (pages, redirects). */
export const TOKEN_ROUTE_OPTIONS = {
  config: { rateLimit: 'public' },
  onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    void reply.header('cache-control', 'no-store');
    return payload;
  },
} as const;

/**
 * A service's refusal as the page says it: in English the service's own words (they name the
 * case exactly), in other languages the catalogue's message for its code.
 */
export function refusal(message: string, key: MessageKey, values?: MessageValues): PageError {
  return (tr) => (tr.locale === 'en' ? message : tr.t(key, values));
}

/** Private (the URL carries a secret): `no-store`, `noindex`, no full referrer. */
export function sendPrivatePage(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  page: RenderedPage,
) {
  return sendPage(req, reply, page, { status, caching: 'private' });
}

/**
 * The 303 after a form's success, which must not pass the token-bearing URL on as a Referer. A
 * form sent from inside the school's website comes back to our page there (issue 20); `offSite`
 * (Stripe Checkout) is left as it is.
 */
export function redirectAfterForm(
  reply: FastifyReply,
  location: string,
  options: { offSite?: boolean } = {},
) {
  const target = options.offSite ? location : keepEmbed(reply.request, location);
  return reply.headers({ 'referrer-policy': 'no-referrer' }).redirect(target, 303);
}

/** Registers `routes` in their own scope, so only they parse form bodies (16 KiB at most). */
export function registerFormRoutes(app: FastifyInstance, routes: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody);
    routes(scope);
  });
}

/** A cancel form's reason: browsers send a textarea's line breaks as CRLF; count them as one character, as maxlength does. */
export function formReason(raw: string | undefined): string {
  return (raw ?? '').replace(/\r\n?/g, '\n').trim();
}

/** What `load` finds, or undefined when it throws `notFoundCode` (a wrong uid or token). */
export async function foundOrUndefined<T>(
  notFoundCode: string,
  load: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === notFoundCode) return undefined;
    throw error;
  }
}

/** What finding a page's brand needs: the container satisfies it. */
export interface PageBrandDeps {
  db: Executor;
  env: Pick<Env, 'BOOKING_DOMAIN' | 'PUBLIC_BASE_URL'>;
  bookings: { tenantIdBySlug(tenantSlug: string): Promise<number | undefined> };
}

/** The school's name, logo and landing colours, and where its landing page is (if published). */
export async function pageBrand(
  container: PageBrandDeps,
  tenant: { slug: string; name: string },
): Promise<Brand> {
  const tenantId = await container.bookings.tenantIdBySlug(tenant.slug);
  const brand = tenantId === undefined ? undefined : await tenantBrand(container, tenantId);
  return {
    name: tenant.name,
    logoUrl: brand?.logoUrl ?? null,
    primaryColor: brand?.primaryColor ?? null,
    secondaryColor: brand?.secondaryColor ?? null,
    homeUrl: brand?.landingPublished ? tenantPublicUrl(container.env, tenant.slug) : null,
    languages: brand
      ? { defaultLanguage: brand.defaultLanguage, pageLanguages: brand.pageLanguages }
      : undefined,
    embedOrigins: brand?.embedOrigins,
  };
}

/** How one kind of token page finds its view and renders it. */
export interface TokenPage<View, Shown> {
  /** The view for `uid` and `token`, or undefined for a wrong uid or token. */
  load(uid: string, token: string): Promise<View | undefined>;
  /** The page, in the language `req` asks for (its `?lang=` kept in the cookie by `reply`). */
  render(view: View, shown: Shown, req: FastifyRequest, reply: FastifyReply): Promise<RenderedPage>;
  notFound: (language: PrivateLanguage) => RenderedPage;
}

/** The replies a token page's routes send: its not-found page, or its page for a uid and token. */
export function tokenPageReplies<View, Shown>(page: TokenPage<View, Shown>) {
  const notFound = (req: FastifyRequest, reply: FastifyReply) =>
    sendPrivatePage(req, reply, 404, page.notFound(requestPageLanguage(req)));
  return {
    notFound,
    /** Loads the view afresh (also to show a refused form again) and sends it with `status`. */
    async show(
      req: FastifyRequest,
      reply: FastifyReply,
      status: number,
      uid: string,
      token: string,
      shown: Shown,
    ) {
      const view = await page.load(uid, token);
      if (!view) return notFound(req, reply);
      return sendPrivatePage(req, reply, status, await page.render(view, shown, req, reply));
    },
  };
}

/** What a page shows again above a refused cancel form. */
interface CancelShown {
  token: string;
  now: Date;
  reason: string;
  error: PageError;
}

/** The page's replies (tokenPageReplies), whose page shows a refused cancel form again. */
interface CancelReplies {
  notFound(req: FastifyRequest, reply: FastifyReply): unknown;
  show(
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    uid: string,
    token: string,
    shown: CancelShown,
  ): unknown;
}

/** How a cancel form refuses and cancels: what differs between a booking's and an enrolment's. */
interface CancelRules {
  replies: CancelReplies;
  notFoundCode: string;
  /** The message for CANCELLATION_CLOSED in languages other than English. */
  closedKey: MessageKey;
}

/**
 * Registers a token page's cancel form, `POST path` (in a `registerFormRoutes` scope): the uid
 * from the URL and the token and reason from the form, a wrong one answered by the not-found
 * page, then `cancelFromForm` with `cancel`.
 */
export function registerCancelForm(
  scope: FastifyInstance,
  path: string,
  input: CancelRules & {
    params: z.ZodType<{ uid: string }>;
    form: z.ZodType<{ token: string; reason?: string | undefined }>;
    now: () => Date;
    cancel: (uid: string, token: string, reason: string | undefined) => Promise<string>;
  },
): void {
  scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
    path,
    TOKEN_ROUTE_OPTIONS,
    async (req, reply) => {
      const uid = input.params.safeParse(req.params);
      const form = input.form.safeParse(req.body ?? {});
      if (!uid.success || !form.success) return input.replies.notFound(req, reply);
      const { token } = form.data;
      return cancelFromForm(req, reply, {
        uid: uid.data.uid,
        token,
        reason: form.data.reason,
        now: input.now(),
        replies: input.replies,
        notFoundCode: input.notFoundCode,
        closedKey: input.closedKey,
        cancel: (reason) => input.cancel(uid.data.uid, token, reason),
      });
    },
  );
}

/**
 * A student's cancel form (a booking's, an enrolment's): the reason checked, `cancel` called
 * (answering where to send the student after, with its notice), then a 303 there. A reason too
 * long or CANCELLATION_CLOSED shows the page again with the error; `notFoundCode` the not-found page.
 */
async function cancelFromForm(
  req: FastifyRequest,
  reply: FastifyReply,
  input: {
    uid: string;
    token: string;
    reason: string | undefined;
    now: Date;
    cancel: (reason: string | undefined) => Promise<string>;
  } & CancelRules,
) {
  const { uid, token, now, replies } = input;
  const reason = formReason(input.reason);
  const refuse = (error: PageError) =>
    replies.show(req, reply, 400, uid, token, { token, now, reason, error });
  if (reason.length > MAX_REASON) return refuse((tr) => tr.t('manage.error.reasonLong', { max: MAX_REASON }));
  try {
    return redirectAfterForm(reply, await input.cancel(reason || undefined));
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === input.notFoundCode) return replies.notFound(req, reply);
    if (error.code !== 'CANCELLATION_CLOSED') throw error;
    return refuse(refusal(error.message, input.closedKey));
  }
}
