import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { isAppError } from '../../lib/errors.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import type { PassesService } from '../passes/passes.service.ts';
import { tenantBrand } from '../public/tenant-brand.ts';
import type { SignedInStudent } from '../viewer/student-session.ts';
import { checkoutOrigin } from './booking-site.ts';
import type { PageContext } from './page-context.ts';
import { languageUrl, pageLanguage, pageLanguages, rememberLanguage } from './page-language.ts';
import { sendNotFoundPage } from './pages.ts';
import { type PassesPageInput, type PassFormField, renderPassesPage } from './pass-render.ts';
import { sendPage } from './web-http.ts';

// A school's class passes (`/{tenant}/passes`, or `/passes` on the school's own host): each pass
// with a plain buy form that posts here and is redirected to Stripe Checkout (issue 16).

export interface PassesPageDeps {
  db: Executor;
  passes: Pick<PassesService, 'onSale' | 'purchase'>;
  payments: { readonly testMode: boolean };
  stripe?: { checkoutOrigin?: string } | undefined;
  /** For the page's canonical URL and hreflang alternates (the school's public address). */
  env?: Pick<Env, 'BOOKING_DOMAIN' | 'PUBLIC_BASE_URL'> | undefined;
  /** The "Sign in with Immersio" student of this school on the request, if any: the pass is theirs. */
  studentOf(headers: IncomingHttpHeaders, tenantId: number): Promise<SignedInStudent | null>;
}

const email = z.email();

async function load(ctx: PageContext, deps: PassesPageDeps) {
  let sale: Awaited<ReturnType<PassesService['onSale']>>;
  try {
    sale = await deps.passes.onSale(ctx.site.tenantSlug);
  } catch (error) {
    if (isAppError(error) && error.code === 'TENANT_NOT_FOUND') return undefined;
    throw error;
  }
  const brand = await tenantBrand(deps, sale.tenant.id);
  if (!brand) return undefined;
  const base = ctx.site.onTenantHost ? '' : `/${brand.slug}`;
  const checkout = checkoutOrigin(deps);
  // A public page: the visitor's language among the school's, as every other public page (issue 18).
  const language = pageLanguage(ctx.req, brand);
  rememberLanguage(ctx.reply, language);
  const home = ctx.site.customOrigin ?? (deps.env ? tenantPublicUrl(deps.env, brand.slug) : undefined);
  const pageUrl = home ? `${home}/passes` : undefined;
  const { alternates, switcher } = pageLanguages(pageUrl ?? `http://localhost${base}/passes`, language);
  const input: Omit<PassesPageInput, 'submitted'> = {
    language: {
      tr: language.tr,
      switcher,
      alternates: pageUrl ? alternates : [],
      canonicalUrl: pageUrl ? languageUrl(pageUrl, language.locale, language) : undefined,
    },
    brand: { ...brand, homeUrl: brand.landingPublished ? base || '/' : null },
    passes: sale.passes,
    onSale: sale.onSale,
    testMode: deps.payments.testMode,
    pagePath: `${base}/passes`,
    formActions: checkout ? [checkout] : [],
  };
  return { input, tenantId: sale.tenant.id, slug: brand.slug };
}

export async function servePassesPage(ctx: PageContext, deps: PassesPageDeps) {
  const loaded = await load(ctx, deps);
  if (!loaded) return sendNotFoundPage(ctx.req, ctx.reply);
  return sendPage(ctx.req, ctx.reply, renderPassesPage(loaded.input), { caching: 'public' });
}

export async function submitPassForm(ctx: PageContext, deps: PassesPageDeps) {
  const loaded = await load(ctx, deps);
  if (!loaded) return sendNotFoundPage(ctx.req, ctx.reply);
  const fields = (ctx.req.body && typeof ctx.req.body === 'object' ? ctx.req.body : {}) as Record<
    string,
    unknown
  >;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '');
  const passId = Number(text('passId'));
  const pass = loaded.input.passes.find((p) => p.id === passId);
  if (!pass) return sendNotFoundPage(ctx.req, ctx.reply);
  const form = { passId, name: text('name').replace(/\s+/g, ' '), email: text('email') };
  const { tr } = loaded.input.language!;
  const errors: Partial<Record<PassFormField, string>> = {};
  if (form.name === '') errors.name = tr.t('passes.error.nameMissing');
  else if (form.name.length > 200) errors.name = tr.t('passes.error.nameLong', { max: 200 });
  if (form.email === '') errors.email = tr.t('passes.error.emailMissing');
  else if (form.email.length > 254 || !email.safeParse(form.email).success) {
    errors.email = tr.t('passes.error.emailInvalid');
  }
  // It carries what the visitor typed: never cached.
  const show = (status: number, problem?: string) =>
    sendPage(
      ctx.req,
      ctx.reply,
      renderPassesPage({ ...loaded.input, submitted: { ...form, errors, problem } }),
      { status, caching: 'private' },
    );
  if (Object.keys(errors).length > 0) return show(400);
  try {
    const bought = await deps.passes.purchase({
      passId,
      tenantSlug: loaded.slug,
      buyer: { name: form.name, email: form.email },
      student: await deps.studentOf(ctx.req.headers, loaded.tenantId),
      // Its e-mails and its page follow the language the pass was bought in.
      language: tr.locale,
    });
    return ctx.reply
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
      .redirect(bought.checkoutUrl, 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const school = loaded.input.brand.name;
    switch (error.code) {
      case 'NOT_FOUND':
        return show(409, tr.html('passes.error.notOnSale'));
      case 'STRIPE_NOT_CONFIGURED':
        return show(400, tr.html('passes.error.noPayments', { school }));
      case 'PAYMENT_FAILED':
        return show(402, tr.html('passes.error.checkoutFailed'));
      case 'VALIDATION_ERROR':
        return show(400, tr.html('passes.error.invalid'));
      default:
        throw error;
    }
  }
}
