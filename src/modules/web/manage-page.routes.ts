import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import type { Translator } from '../../lib/i18n/translator.ts';
import { bookingTokenQuery, bookingUidParams } from '../bookings/public-bookings.schemas.ts';
import { bookingCalendar } from './manage-calendar.ts';
import { noCalendarPage, notFoundPage, renderManagePage, type Shown, viewPath } from './manage-page.ts';
import { rescheduleOptions } from './manage-reschedule.ts';
import { type ManagedBooking, REFUND_SHOWN, refundShown } from './managed-booking.ts';
import { pageLanguage } from './page-language.ts';
import { type PageError, privatePageLanguage, requestPageLanguage } from './private-page.ts';
import {
  foundOrUndefined,
  pageBrand,
  redirectAfterForm,
  refusal,
  registerCancelForm,
  registerFormRoutes,
  sendPrivatePage,
  TOKEN_ROUTE_OPTIONS,
  tokenPageReplies,
} from './token-page-http.ts';

// Unknown values of the optional flags are ignored rather than refused: the link still works.
const pageQuery = bookingTokenQuery.extend({
  checkout: z.enum(['success', 'cancelled']).optional().catch(undefined),
  cancelled: z.literal('1').optional().catch(undefined),
  refund: z.enum(REFUND_SHOWN).optional().catch(undefined),
  booked: z.literal('1').optional().catch(undefined),
  moved: z.literal('1').optional().catch(undefined),
});

const cancelForm = bookingTokenQuery.extend({ reason: z.string().optional() });
const rescheduleForm = bookingTokenQuery.extend({ startTime: z.string().max(100).optional() });

/** Refusals of a move the student can act on: shown on the page above the form again. */
const MOVE_REFUSALS = new Set(['CANCELLATION_CLOSED', 'NO_SEATS_AVAILABLE', 'VALIDATION_ERROR', 'CONFLICT']);
const MOVE_REFUSAL_KEYS = {
  CANCELLATION_CLOSED: 'reschedule.error.closed',
  NO_SEATS_AVAILABLE: 'reschedule.error.taken',
  CONFLICT: 'reschedule.error.conflict',
} as const;

/**
 * The page a booking's manage link opens (`PUBLIC_BASE_URL/bookings/<uid>?token=…`, also where
 * Stripe Checkout returns and where the booking form sends a new booking with `&booked=1`): the
 * booking, its status and policy, an "Add to calendar" file, and a plain cancel form, so it works
 * without JavaScript. It wears the school's colours (the public web shell, src/modules/web). The
 * rules are the booking service's, the same the REST API answers with
 * (`/api/v1/public/bookings/:uid`); the token in the URL is the only authorisation.
 */
export function registerManagePage(app: FastifyInstance, container: Container): void {
  /** The booking as the service shows it to its student, or undefined for a wrong uid or token. */
  const load = (uid: string, token: string) =>
    foundOrUndefined('BOOKING_NOT_FOUND', () => container.bookings.getForStudent(uid, token));
  const { notFound, show } = tokenPageReplies<ManagedBooking, Shown>({
    load,
    render: page,
    notFound: notFoundPage,
  });

  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/bookings/:uid',
    TOKEN_ROUTE_OPTIONS,
    async (req, reply) => {
      const uid = bookingUidParams.safeParse(req.params);
      const query = pageQuery.safeParse(req.query);
      if (!uid.success || !query.success) return notFound(req, reply);
      return show(req, reply, 200, uid.data.uid, query.data.token, {
        token: query.data.token,
        now: container.now(),
        checkout: query.data.checkout,
        justCancelled: query.data.cancelled === '1',
        justBooked: query.data.booked === '1',
        justMoved: query.data.moved === '1',
        refund: query.data.refund,
      });
    },
  );

  // "Add to calendar": the booking as an .ics file, for live bookings only.
  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/bookings/:uid/calendar.ics',
    TOKEN_ROUTE_OPTIONS,
    async (req, reply) => {
      const uid = bookingUidParams.safeParse(req.params);
      const query = bookingTokenQuery.safeParse(req.query);
      if (!uid.success || !query.success) return notFound(req, reply);
      const view = await load(uid.data.uid, query.data.token);
      if (!view) return notFound(req, reply);
      if (view.booking.status !== 'accepted' && view.booking.status !== 'pending') {
        return sendPrivatePage(req, reply, 404, noCalendarPage(requestPageLanguage(req)));
      }
      const path = viewPath(view.booking.uid, query.data.token);
      const manageUrl = `${container.env.PUBLIC_BASE_URL}${path}`;
      // The file speaks the page's language: the one the student booked in unless they chose another.
      const { languages } = await pageBrand(container, view.tenant);
      const { tr } = pageLanguage(req, languages, view.language ?? null);
      const file = bookingCalendar(container.env, view, manageUrl, container.now(), tr);
      return reply
        .headers({
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': `attachment; filename="${file.filename}"`,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-robots-tag': 'noindex',
        })
        .send(file.body);
    },
  );

  registerFormRoutes(app, (scope) => {
    registerCancelForm(scope, '/bookings/:uid/cancel', {
      params: bookingUidParams,
      form: cancelForm,
      now: () => container.now(),
      replies: { notFound, show },
      notFoundCode: 'BOOKING_NOT_FOUND',
      closedKey: 'manage.error.cancelClosed',
      cancel: async (uid, token, reason) => {
        const result = await container.bookings.cancelByStudent({ uid, token, reason });
        const refund = result.refund ? refundShown(result.refund.status) : undefined;
        return `${viewPath(uid, token)}&cancelled=1${refund ? `&refund=${refund}` : ''}`;
      },
    });

    // "Change time": moves the booking, then 303 back to the page with a notice.
    scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
      '/bookings/:uid/reschedule',
      TOKEN_ROUTE_OPTIONS,
      async (req, reply) => {
        const uid = bookingUidParams.safeParse(req.params);
        const form = rescheduleForm.safeParse(req.body ?? {});
        if (!uid.success || !form.success) return notFound(req, reply);
        const { token } = form.data;
        const startTime = form.data.startTime ? new Date(form.data.startTime) : undefined;
        const shown = { token, now: container.now(), startTime: form.data.startTime };
        const refuse = (status: number, error: PageError) =>
          show(req, reply, status, uid.data.uid, token, { ...shown, error });
        if (!startTime || Number.isNaN(startTime.getTime())) {
          return refuse(400, (tr) => tr.t('reschedule.error.choose'));
        }
        try {
          await container.bookings.reschedule({ uid: uid.data.uid, token, startTime });
          return redirectAfterForm(reply, `${viewPath(uid.data.uid, token)}&moved=1`);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'BOOKING_NOT_FOUND') return notFound(req, reply);
          if (!MOVE_REFUSALS.has(error.code)) throw error;
          // The service's wording names the field for API clients; a person needs the gist.
          const message =
            error.code === 'VALIDATION_ERROR'
              ? (tr: Translator) => tr.t('reschedule.error.unavailable')
              : refusal(error.message, MOVE_REFUSAL_KEYS[error.code as keyof typeof MOVE_REFUSAL_KEYS]);
          return refuse(error.status, message);
        }
      },
    );
  });

  /** The page for `view`, with the times it could move to when it can move. */
  async function page(view: ManagedBooking, shown: Shown, req: FastifyRequest, reply: FastifyReply) {
    const [brand, reschedule] = await Promise.all([
      pageBrand(container, view.tenant),
      rescheduleOptions(container.publicCatalog, view, shown.now),
    ]);
    const path = viewPath(view.booking.uid, shown.token);
    const language = privatePageLanguage(req, reply, brand, view.language ?? null, path);
    // Inside the school's website the host page hears of a booking just made (issue 20).
    if (language.embed && shown.justBooked) {
      language.embed.events = [
        {
          type: 'ibs:booking-created',
          uid: view.booking.uid,
          start: view.booking.startTime.toISOString(),
          manageUrl: `${container.env.PUBLIC_BASE_URL}${path}`,
        },
      ];
    }
    return renderManagePage(view, brand, { ...shown, reschedule }, language);
  }
}
