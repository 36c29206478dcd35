import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody } from '../../lib/form-body.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { bookingTokenQuery, bookingUidParams } from '../bookings/public-bookings.schemas.ts';
import { tenantBrand } from '../public/tenant-brand.ts';
import type { RenderedPage } from './layout.ts';
import { bookingCalendar } from './manage-calendar.ts';
import {
  type Brand,
  MAX_REASON,
  NO_CALENDAR,
  NOT_FOUND,
  renderManagePage,
  type Shown,
  viewPath,
} from './manage-page.ts';
import { rescheduleOptions } from './manage-reschedule.ts';
import { type ManagedBooking, REFUND_SHOWN, refundShown } from './managed-booking.ts';
import { sendPage } from './web-http.ts';

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

/**
 * The page a booking's manage link opens (`PUBLIC_BASE_URL/bookings/<uid>?token=…`, also where
 * Stripe Checkout returns and where the booking form sends a new booking with `&booked=1`): the
 * booking, its status and policy, an "Add to calendar" file, and a plain cancel form, so it works
 * without JavaScript. It wears the school's colours (the public web shell, src/modules/web). The
 * rules are the booking service's, the same the REST API answers with
 * (`/api/v1/public/bookings/:uid`); the token in the URL is the only authorisation.
 */
export function registerManagePage(app: FastifyInstance, container: Container): void {
  // The URL carries a secret: nothing may store these answers (pages, redirects, the .ics file).
  const options = {
    config: { rateLimit: 'public' },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    },
  } as const;

  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/bookings/:uid',
    options,
    async (req, reply) => {
      const uid = bookingUidParams.safeParse(req.params);
      const query = pageQuery.safeParse(req.query);
      if (!uid.success || !query.success) return send(req, reply, 404, NOT_FOUND);
      const view = await load(uid.data.uid, query.data.token);
      if (!view) return send(req, reply, 404, NOT_FOUND);
      return send(
        req,
        reply,
        200,
        await page(view, {
          token: query.data.token,
          now: container.now(),
          checkout: query.data.checkout,
          justCancelled: query.data.cancelled === '1',
          justBooked: query.data.booked === '1',
          justMoved: query.data.moved === '1',
          refund: query.data.refund,
        }),
      );
    },
  );

  // "Add to calendar": the booking as an .ics file, for live bookings only.
  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/bookings/:uid/calendar.ics',
    options,
    async (req, reply) => {
      const uid = bookingUidParams.safeParse(req.params);
      const query = bookingTokenQuery.safeParse(req.query);
      if (!uid.success || !query.success) return send(req, reply, 404, NOT_FOUND);
      const view = await load(uid.data.uid, query.data.token);
      if (!view) return send(req, reply, 404, NOT_FOUND);
      if (view.booking.status !== 'accepted' && view.booking.status !== 'pending') {
        return send(req, reply, 404, NO_CALENDAR);
      }
      const manageUrl = `${container.env.PUBLIC_BASE_URL}${viewPath(view.booking.uid, query.data.token)}`;
      const file = bookingCalendar(container.env, view, manageUrl, container.now());
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

  // Its own scope, so only this route parses form bodies (16 KiB at most).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody);

    scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
      '/bookings/:uid/cancel',
      options,
      async (req, reply) => {
        const uid = bookingUidParams.safeParse(req.params);
        const form = cancelForm.safeParse(req.body ?? {});
        if (!uid.success || !form.success) return send(req, reply, 404, NOT_FOUND);
        const { token } = form.data;
        // Browsers send a textarea's line breaks as CRLF; count them as one character, as maxlength does.
        const reason = (form.data.reason ?? '').replace(/\r\n?/g, '\n').trim();
        const shown = { token, now: container.now(), reason };
        if (reason.length > MAX_REASON) {
          const view = await load(uid.data.uid, token);
          if (!view) return send(req, reply, 404, NOT_FOUND);
          const error = `Please keep the reason to ${MAX_REASON} characters or fewer.`;
          return send(req, reply, 400, await page(view, { ...shown, error }));
        }
        try {
          const result = await container.bookings.cancelByStudent({
            uid: uid.data.uid,
            token,
            reason: reason || undefined,
          });
          const refund = result.refund ? refundShown(result.refund.status) : undefined;
          const location = `${viewPath(uid.data.uid, token)}&cancelled=1${refund ? `&refund=${refund}` : ''}`;
          return reply.headers({ 'referrer-policy': 'no-referrer' }).redirect(location, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'BOOKING_NOT_FOUND') return send(req, reply, 404, NOT_FOUND);
          if (error.code !== 'CANCELLATION_CLOSED') throw error;
          const view = await load(uid.data.uid, token);
          if (!view) return send(req, reply, 404, NOT_FOUND);
          return send(req, reply, 400, await page(view, { ...shown, error: error.message }));
        }
      },
    );

    // "Change time": moves the booking, then 303 back to the page with a notice.
    scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
      '/bookings/:uid/reschedule',
      options,
      async (req, reply) => {
        const uid = bookingUidParams.safeParse(req.params);
        const form = rescheduleForm.safeParse(req.body ?? {});
        if (!uid.success || !form.success) return send(req, reply, 404, NOT_FOUND);
        const { token } = form.data;
        const startTime = form.data.startTime ? new Date(form.data.startTime) : undefined;
        const shown = { token, now: container.now(), startTime: form.data.startTime };
        const refuse = async (status: number, error: string) => {
          const view = await load(uid.data.uid, token);
          if (!view) return send(req, reply, 404, NOT_FOUND);
          return send(req, reply, status, await page(view, { ...shown, error }));
        };
        if (!startTime || Number.isNaN(startTime.getTime())) return refuse(400, 'Please choose a new time.');
        try {
          await container.bookings.reschedule({ uid: uid.data.uid, token, startTime });
          return reply
            .headers({ 'referrer-policy': 'no-referrer' })
            .redirect(`${viewPath(uid.data.uid, token)}&moved=1`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'BOOKING_NOT_FOUND') return send(req, reply, 404, NOT_FOUND);
          if (!MOVE_REFUSALS.has(error.code)) throw error;
          // The service's wording names the field for API clients; a person needs the gist.
          const message =
            error.code === 'VALIDATION_ERROR'
              ? 'That time is not available any more; please choose another.'
              : error.message;
          return refuse(error.status, message);
        }
      },
    );
  });

  /** The page for `view`, with the times it could move to when it can move. */
  async function page(view: ManagedBooking, shown: Shown) {
    const [brand, reschedule] = await Promise.all([
      brandOf(view),
      rescheduleOptions(container.publicCatalog, view, shown.now),
    ]);
    return renderManagePage(view, brand, { ...shown, reschedule });
  }

  /** The booking as the service shows it to its student, or undefined for a wrong uid or token. */
  async function load(uid: string, token: string): Promise<ManagedBooking | undefined> {
    try {
      return await container.bookings.getForStudent(uid, token);
    } catch (error) {
      if (isAppError(error) && error.code === 'BOOKING_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** The school's name, logo and landing colours, and where its landing page is (if published). */
  async function brandOf(view: ManagedBooking): Promise<Brand> {
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
