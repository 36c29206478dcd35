import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody } from '../../lib/form-body.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { waitlistTokenQuery, waitlistUidParams } from '../bookings/waitlist/public-waitlist.schemas.ts';
import type { WaitlistEntryDetails } from '../bookings/waitlist/waitlist.service.ts';
import { tenantBrand } from '../public/tenant-brand.ts';
import { checkoutOrigin } from './booking-site.ts';
import type { RenderedPage } from './layout.ts';
import type { Brand } from './manage-page.ts';
import { renderWaitlistPage, WAITLIST_NOT_FOUND, type WaitlistShown, waitlistPath } from './waitlist-page.ts';
import { sendPage } from './web-http.ts';

// Unknown values of the optional flags are ignored rather than refused: the link still works.
const pageQuery = waitlistTokenQuery.extend({
  joined: z.literal('1').optional().catch(undefined),
  left: z.literal('1').optional().catch(undefined),
});

/** Refusals of a claim or leave the student can read about on the page. */
const SHOWN_REFUSALS = new Set(['GONE', 'CONFLICT', 'PAYMENT_FAILED', 'STRIPE_NOT_CONFIGURED']);

/**
 * The page a waitlist entry's link opens (`PUBLIC_BASE_URL/waitlist/<uid>?token=…`): the place in
 * line or the offer, a Claim button (a free seat is confirmed and the student lands on the
 * booking's page; a paid one goes to Stripe Checkout) and a leave form, all plain forms. The
 * rules are the waitlist service's, as the REST API answers them; the token is the only credential.
 */
export function registerWaitlistPage(app: FastifyInstance, container: Container): void {
  const waitlist = container.bookings.waitlist;
  // The URL carries a secret: nothing may store these answers (pages, redirects).
  const options = {
    config: { rateLimit: 'public' },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    },
  } as const;

  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/waitlist/:uid',
    options,
    async (req, reply) => {
      const uid = waitlistUidParams.safeParse(req.params);
      const query = pageQuery.safeParse(req.query);
      if (!uid.success || !query.success) return send(req, reply, 404, WAITLIST_NOT_FOUND);
      const view = await load(uid.data.uid, query.data.token);
      if (!view) return send(req, reply, 404, WAITLIST_NOT_FOUND);
      const shown = { token: query.data.token, justJoined: !!query.data.joined, justLeft: !!query.data.left };
      return send(req, reply, 200, await page(view, shown));
    },
  );

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody);

    for (const action of ['claim', 'leave'] as const) {
      scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
        `/waitlist/:uid/${action}`,
        options,
        async (req, reply) => {
          const uid = waitlistUidParams.safeParse(req.params);
          const form = waitlistTokenQuery.safeParse(req.body ?? {});
          if (!uid.success || !form.success) return send(req, reply, 404, WAITLIST_NOT_FOUND);
          const input = { uid: uid.data.uid, token: form.data.token };
          try {
            let location: string;
            if (action === 'claim') {
              const result = await waitlist.claim(input);
              const booking = new URL(result.manageUrl);
              location = result.payment?.checkoutUrl ?? `${booking.pathname}${booking.search}&booked=1`;
            } else {
              await waitlist.leave(input);
              location = `${waitlistPath(input.uid, input.token)}&left=1`;
            }
            return reply.headers({ 'referrer-policy': 'no-referrer' }).redirect(location, 303);
          } catch (error) {
            if (!isAppError(error)) throw error;
            if (error.code === 'NOT_FOUND') return send(req, reply, 404, WAITLIST_NOT_FOUND);
            if (!SHOWN_REFUSALS.has(error.code)) throw error;
            const view = await load(input.uid, input.token);
            if (!view) return send(req, reply, 404, WAITLIST_NOT_FOUND);
            return send(
              req,
              reply,
              error.status,
              await page(view, { token: input.token, error: error.message }),
            );
          }
        },
      );
    }
  });

  async function page(view: WaitlistEntryDetails, shown: WaitlistShown) {
    return renderWaitlistPage(view, await brandOf(view), {
      ...shown,
      checkoutOrigin: checkoutOrigin(container),
    });
  }

  async function load(uid: string, token: string): Promise<WaitlistEntryDetails | undefined> {
    try {
      return await waitlist.details(uid, token);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async function brandOf(view: WaitlistEntryDetails): Promise<Brand> {
    const tenantId = await container.bookings.tenantIdBySlug(view.tenant.slug);
    const brand = tenantId === undefined ? undefined : await tenantBrand(container, tenantId);
    return {
      name: view.tenant.name,
      logoUrl: brand?.logoUrl ?? null,
      primaryColor: brand?.primaryColor ?? null,
      secondaryColor: brand?.secondaryColor ?? null,
      homeUrl: brand?.landingPublished ? tenantPublicUrl(container.env, view.tenant.slug) : null,
    };
  }
}

/** Private (the URL carries a secret): `no-store`, `no-referrer`, `noindex`. */
function send(req: FastifyRequest, reply: FastifyReply, status: number, page: RenderedPage) {
  return sendPage(req, reply, page, { status, caching: 'private' });
}
