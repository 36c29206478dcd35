import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { waitlistTokenQuery, waitlistUidParams } from '../bookings/waitlist/public-waitlist.schemas.ts';
import type { WaitlistEntryDetails } from '../bookings/waitlist/waitlist.service.ts';
import { checkoutOrigin } from './booking-site.ts';
import { privatePageLanguage } from './private-page.ts';
import {
  foundOrUndefined,
  pageBrand,
  redirectAfterForm,
  refusal,
  registerFormRoutes,
  TOKEN_ROUTE_OPTIONS,
  tokenPageReplies,
} from './token-page-http.ts';
import {
  renderWaitlistPage,
  type WaitlistShown,
  waitlistNotFoundPage,
  waitlistPath,
} from './waitlist-page.ts';

// Unknown values of the optional flags are ignored rather than refused: the link still works.
const pageQuery = waitlistTokenQuery.extend({
  joined: z.literal('1').optional().catch(undefined),
  left: z.literal('1').optional().catch(undefined),
});

/** Refusals of a claim or leave the student can read about on the page, and their messages. */
const SHOWN_REFUSALS = {
  GONE: 'waitlistPage.error.gone',
  CONFLICT: 'waitlistPage.error.conflict',
  PAYMENT_FAILED: 'waitlistPage.error.paymentFailed',
  STRIPE_NOT_CONFIGURED: 'waitlistPage.error.noPayments',
} as const;

/**
 * The page a waitlist entry's link opens (`PUBLIC_BASE_URL/waitlist/<uid>?token=…`): the place in
 * line or the offer, a Claim button (a free seat is confirmed and the student lands on the
 * booking's page; a paid one goes to Stripe Checkout) and a leave form, all plain forms. The
 * rules are the waitlist service's, as the REST API answers them; the token is the only credential.
 */
export function registerWaitlistPage(app: FastifyInstance, container: Container): void {
  const waitlist = container.bookings.waitlist;
  const { notFound, show } = tokenPageReplies<WaitlistEntryDetails, WaitlistShown>({
    load: (uid, token) => foundOrUndefined('NOT_FOUND', () => waitlist.details(uid, token)),
    render: async (view, shown, req, reply) => {
      const brand = await pageBrand(container, view.tenant);
      const path = waitlistPath(view.entry.uid, shown.token);
      const language = privatePageLanguage(req, reply, brand, view.language ?? null, path);
      return renderWaitlistPage(
        view,
        brand,
        { ...shown, checkoutOrigin: checkoutOrigin(container) },
        language,
      );
    },
    notFound: waitlistNotFoundPage,
  });

  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/waitlist/:uid',
    TOKEN_ROUTE_OPTIONS,
    async (req, reply) => {
      const uid = waitlistUidParams.safeParse(req.params);
      const query = pageQuery.safeParse(req.query);
      if (!uid.success || !query.success) return notFound(req, reply);
      const { token } = query.data;
      const shown = { token, justJoined: !!query.data.joined, justLeft: !!query.data.left };
      return show(req, reply, 200, uid.data.uid, token, shown);
    },
  );

  registerFormRoutes(app, (scope) => {
    for (const action of ['claim', 'leave'] as const) {
      scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
        `/waitlist/:uid/${action}`,
        TOKEN_ROUTE_OPTIONS,
        async (req, reply) => {
          const uid = waitlistUidParams.safeParse(req.params);
          const form = waitlistTokenQuery.safeParse(req.body ?? {});
          if (!uid.success || !form.success) return notFound(req, reply);
          const input = { uid: uid.data.uid, token: form.data.token };
          try {
            let location: string;
            let offSite = false;
            if (action === 'claim') {
              const result = await waitlist.claim(input);
              const booking = new URL(result.manageUrl);
              offSite = Boolean(result.payment);
              location = result.payment?.checkoutUrl ?? `${booking.pathname}${booking.search}&booked=1`;
            } else {
              await waitlist.leave(input);
              location = `${waitlistPath(input.uid, input.token)}&left=1`;
            }
            return redirectAfterForm(reply, location, { offSite });
          } catch (error) {
            if (!isAppError(error)) throw error;
            if (error.code === 'NOT_FOUND') return notFound(req, reply);
            const key = SHOWN_REFUSALS[error.code as keyof typeof SHOWN_REFUSALS];
            if (!key) throw error;
            return show(req, reply, error.status, input.uid, input.token, {
              token: input.token,
              error: refusal(error.message, key),
            });
          }
        },
      );
    }
  });
}
