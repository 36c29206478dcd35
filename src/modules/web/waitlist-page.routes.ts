import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { waitlistTokenQuery, waitlistUidParams } from '../bookings/waitlist/public-waitlist.schemas.ts';
import type { WaitlistEntryDetails } from '../bookings/waitlist/waitlist.service.ts';
import { checkoutOrigin } from './booking-site.ts';
import {
  foundOrUndefined,
  pageBrand,
  redirectAfterForm,
  registerFormRoutes,
  TOKEN_ROUTE_OPTIONS,
  tokenPageReplies,
} from './token-page-http.ts';
import { renderWaitlistPage, WAITLIST_NOT_FOUND, type WaitlistShown, waitlistPath } from './waitlist-page.ts';

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
  const { notFound, show } = tokenPageReplies<WaitlistEntryDetails, WaitlistShown>({
    load: (uid, token) => foundOrUndefined('NOT_FOUND', () => waitlist.details(uid, token)),
    render: async (view, shown) =>
      renderWaitlistPage(view, await pageBrand(container, view.tenant), {
        ...shown,
        checkoutOrigin: checkoutOrigin(container),
      }),
    notFound: WAITLIST_NOT_FOUND,
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
            if (action === 'claim') {
              const result = await waitlist.claim(input);
              const booking = new URL(result.manageUrl);
              location = result.payment?.checkoutUrl ?? `${booking.pathname}${booking.search}&booked=1`;
            } else {
              await waitlist.leave(input);
              location = `${waitlistPath(input.uid, input.token)}&left=1`;
            }
            return redirectAfterForm(reply, location);
          } catch (error) {
            if (!isAppError(error)) throw error;
            if (error.code === 'NOT_FOUND') return notFound(req, reply);
            if (!SHOWN_REFUSALS.has(error.code)) throw error;
            return show(req, reply, error.status, input.uid, input.token, {
              token: input.token,
              error: error.message,
            });
          }
        },
      );
    }
  });
}
