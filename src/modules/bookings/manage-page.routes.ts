import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { findTenantBrand } from '../web/booking-site.repo.ts';
import { BOOKING_CSS, brandCss, siteFooter, siteHeader } from '../web/booking-site.ts';
import { webUrl } from '../web/landing-format.ts';
import { type RenderedPage, renderPage } from '../web/layout.ts';
import { bookingCalendar } from '../web/manage-calendar.ts';
import { sendPage } from '../web/web-http.ts';
import {
  formatDateTime,
  formatMoney,
  formatRange,
  LOCATION_LABELS,
  type LocationType,
} from './emails/booking-emails.ts';
import { hours } from './policy.ts';
import { bookingTokenQuery, bookingUidParams } from './public-bookings.schemas.ts';

const REFUND_SHOWN = ['completed', 'pending', 'failed', 'none'] as const;
type RefundShown = (typeof REFUND_SHOWN)[number];

// Unknown values of the optional flags are ignored rather than refused: the link still works.
const pageQuery = bookingTokenQuery.extend({
  checkout: z.enum(['success', 'cancelled']).optional().catch(undefined),
  cancelled: z.literal('1').optional().catch(undefined),
  refund: z.enum(REFUND_SHOWN).optional().catch(undefined),
  booked: z.literal('1').optional().catch(undefined),
});

const cancelForm = bookingTokenQuery.extend({ reason: z.string().optional() });
const MAX_REASON = 1000;

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
        render(view, await brandOf(view), {
          token: query.data.token,
          now: container.now(),
          checkout: query.data.checkout,
          justCancelled: query.data.cancelled === '1',
          justBooked: query.data.booked === '1',
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
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

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
          return send(req, reply, 400, render(view, await brandOf(view), { ...shown, error }));
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
          return send(req, reply, 400, render(view, await brandOf(view), { ...shown, error: error.message }));
        }
      },
    );
  });

  /** The booking as the service shows it to its student, or undefined for a wrong uid or token. */
  async function load(uid: string, token: string): Promise<View | undefined> {
    try {
      return await container.bookings.getForStudent(uid, token);
    } catch (error) {
      if (isAppError(error) && error.code === 'BOOKING_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** The school's name, logo and landing colours, and where its landing page is (if published). */
  async function brandOf(view: View): Promise<Brand> {
    const tenantId = await container.bookings.tenantIdBySlug(view.tenant.slug);
    const brand = tenantId === undefined ? undefined : await findTenantBrand(container.db, tenantId);
    return {
      name: view.tenant.name,
      logoUrl: brand?.logoUrl ?? null,
      primaryColor: brand?.primaryColor ?? null,
      secondaryColor: brand?.secondaryColor ?? null,
      homeUrl: brand?.landingPublished ? tenantPublicUrl(container.env, view.tenant.slug) : null,
    };
  }
}

type View = Awaited<ReturnType<Container['bookings']['getForStudent']>>;

interface Shown {
  token: string;
  now: Date;
  checkout?: 'success' | 'cancelled' | undefined;
  /** Arrived from the cancel form's redirect. */
  justCancelled?: boolean;
  /** Arrived from the workshop page's booking form (a free booking, confirmed at once). */
  justBooked?: boolean;
  refund?: RefundShown | undefined;
  /** Why the last submission was refused. */
  error?: string;
  /** The reason as typed, kept when the form is shown again. */
  reason?: string;
}

/** The school as the page shows it (colours are the landing page's; defaults if unknown). */
interface Brand {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  /** The school's landing page, when it is published. */
  homeUrl: string | null;
}

function refundShown(status: 'completed' | 'pending' | 'failed' | 'not_applicable'): RefundShown {
  return status === 'not_applicable' ? 'none' : status;
}

function viewPath(uid: string, token: string): string {
  return `/bookings/${uid}?token=${encodeURIComponent(token)}`;
}

/** Private (the URL carries a secret): `no-store`, `no-referrer`, `noindex`. */
function send(req: FastifyRequest, reply: FastifyReply, status: number, page: RenderedPage) {
  return sendPage(req, reply, page, { status, caching: 'private' });
}

/** A page of the manage link: the school's header and colours around `main`, never indexed. */
function managePage(title: string, brand: Brand | undefined, main: string): RenderedPage {
  const header = brand
    ? siteHeader(brand, brand.homeUrl)
    : '<a class="skip" href="#main">Skip to content</a>';
  const footer = brand ? siteFooter(brand, brand.homeUrl) : '';
  // Times here are in the attendee's own zone (named), so there is nothing for site.js to do,
  // and a page behind a secret link runs no code at all.
  return renderPage({
    title,
    noindex: true,
    script: false,
    css: `${brandCss(brand)}${BOOKING_CSS}`,
    body: `${header}<main class="wrap narrow stack manage" id="main">${main}</main>${footer}`,
  });
}

const NOT_FOUND = managePage(
  'Booking not found',
  undefined,
  `<h1>Booking not found</h1><p class="error">We couldn't find this booking. Please open the link from your booking e-mail again, exactly as it was sent.</p>`,
);

const NO_CALENDAR = managePage(
  'No calendar entry',
  undefined,
  '<h1>No calendar entry</h1><p>This booking is no longer active, so there is no calendar entry to add. Open the link from your booking e-mail to see where it stands.</p>',
);

const STATUS_HEADINGS: Record<string, string> = {
  accepted: 'Confirmed',
  pending: 'Awaiting payment',
  cancelled: 'Cancelled',
  expired: 'Expired',
  failed: 'Not booked',
};

function render(view: View, brand: Brand, shown: Shown): RenderedPage {
  const { booking, workshop, payment, cancellation } = view;
  const zone = booking.attendee.timeZone;
  const at = (date: Date) => time(date, formatDateTime(date, zone));
  const price = payment ? formatMoney(payment.amount, payment.currency) : null;
  const live = booking.status === 'pending' || booking.status === 'accepted';
  const workshopUrl = webUrl(workshop.bookingUrl);

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error)}</p>`);
  if (shown.justBooked && booking.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>You're booked!</strong> A confirmation e-mail is on its way to ${escapeHtml(booking.attendee.email)}.</p>`,
    );
  }
  if (shown.justCancelled && booking.status === 'cancelled') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>Your booking is cancelled.</strong> ${cancelledRefundText(view, view.refund ? refundShown(view.refund.status) : shown.refund)}</p>`,
    );
  }
  if (shown.checkout === 'success' && booking.status === 'accepted') {
    notices.push(
      '<p class="alert alert-ok" role="status"><strong>Payment received — your confirmation is on its way.</strong></p>',
    );
  } else if (shown.checkout === 'success' && booking.status === 'pending') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>We're confirming your payment…</strong> This usually takes a few seconds. <a href="${escapeHtml(viewPath(booking.uid, shown.token))}&amp;checkout=success">Check again</a></p>`,
    );
  } else if (shown.checkout === 'cancelled' && booking.status === 'pending' && !holdLapsed(view, shown.now)) {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>Payment cancelled.</strong> You have not been charged. Your seat stays held until the time below, so you can still pay.</p>`,
    );
  } else if (shown.checkout === 'cancelled' && booking.status === 'expired') {
    // Checkout's Cancel ended the hold at once (the seat went back on sale).
    notices.push(
      `<p class="alert alert-info" role="status"><strong>Payment cancelled.</strong> You have not been charged, and the seat you held has been released.</p>`,
    );
  }

  const details: Array<[string, string]> = [
    ['When', time(booking.startTime, formatRange(booking.startTime, booking.endTime, zone))],
    ['Teacher', escapeHtml(workshop.teacher.name)],
  ];
  if (live) {
    const where = whereHtml(booking.status, workshop.location);
    if (where) details.push(['Where', where]);
  }
  details.push([
    'Booked for',
    `${escapeHtml(booking.attendee.name)} (${escapeHtml(booking.attendee.email)})`,
  ]);
  details.push(['Price', price ? `${escapeHtml(price)} — ${paymentStatusText(payment!.status)}` : 'Free']);
  details.push(['Booking reference', escapeHtml(booking.uid)]);

  const calendar = live
    ? `<p class="calendar"><a href="${escapeHtml(`/bookings/${booking.uid}/calendar.ics?token=${encodeURIComponent(shown.token)}`)}" download>Add to calendar</a> <span class="small muted">(an .ics file for Google, Apple or Outlook calendars)</span></p>`
    : '';
  const sections = [
    `<h1>${escapeHtml(booking.title)}</h1>`,
    ...notices,
    `<section class="card"><h2>Status: ${escapeHtml(STATUS_HEADINGS[booking.status] ?? booking.status)}</h2>
${statusHtml(view, shown, at)}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>${calendar}</section>`,
  ];

  if (live) {
    sections.push(
      `<section class="card"><h2>Cancellation policy</h2>${policyHtml(view, price, at)}</section>`,
    );
  }
  if (cancellation.allowed) {
    sections.push(
      `<section class="card"><h2>Cancel this booking</h2>
<p>${cancelOutcomeText(view, at)} Cancelling cannot be undone.</p>
<form method="post" action="/bookings/${escapeHtml(booking.uid)}/cancel">
<input type="hidden" name="token" value="${escapeHtml(shown.token)}">
<div class="field"><label for="reason">Reason for cancelling (optional)</label>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON}">${escapeHtml(shown.reason ?? '')}</textarea></div>
<button class="btn btn-danger" type="submit">Cancel my booking</button>
</form></section>`,
    );
  }
  if (workshopUrl) {
    const label = live ? 'View the workshop page' : 'Book another session';
    sections.push(
      `<p><a href="${escapeHtml(workshopUrl)}">${label}</a> of ${escapeHtml(workshop.title)}.</p>`,
    );
  }

  return managePage(`${booking.title} — your booking`, brand, sections.join('\n'));
}

function statusHtml(view: View, shown: Shown, at: (date: Date) => string): string {
  const { booking, tenant, payment } = view;
  switch (booking.status) {
    case 'accepted':
      return '<p>Your seat is confirmed.</p>';
    case 'pending': {
      const expiresAt = payment?.expiresAt ?? null;
      if (expiresAt && holdLapsed(view, shown.now)) {
        return `<p>The time to pay ran out at ${at(expiresAt)}. If you paid, we'll confirm your seat or refund you shortly.</p>`;
      }
      const held = expiresAt ? ` Your seat is held until ${at(expiresAt)}.` : '';
      const checkoutUrl = payment?.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      const pay = checkoutUrl
        ? `<p class="pay"><a href="${escapeHtml(checkoutUrl)}">Pay now</a></p>`
        : '<p>The payment page is being prepared: reload this page in a moment.</p>';
      return `<p>Your booking is confirmed once you have paid.${held}</p>${pay}`;
    }
    case 'cancelled': {
      const by =
        booking.cancelledBy === 'student'
          ? 'by you'
          : booking.cancelledBy === 'teacher'
            ? 'by your teacher'
            : booking.cancelledBy === 'admin'
              ? `by ${escapeHtml(tenant.name)}`
              : '';
      const when = booking.cancelledAt ? ` on ${at(booking.cancelledAt)}` : '';
      const reason = booking.cancellationReason
        ? `<p>Reason given: ${multiline(booking.cancellationReason)}</p>`
        : '';
      // Where the money stands, on every visit (the notice above only follows the cancel form).
      const money =
        view.refund || booking.paid
          ? `<p>${cancelledRefundText(view, view.refund ? refundShown(view.refund.status) : 'none')}</p>`
          : '';
      return `<p>This booking was cancelled${when}${by ? ` ${by}` : ''}.</p>${reason}${money}`;
    }
    case 'expired':
      return "<p>The payment wasn't completed, so the seat was released. You have not been charged for this booking.</p>";
    case 'failed':
      return '<p>The payment could not be completed, so this booking did not go through.</p>';
    default:
      return '';
  }
}

/** A pending booking whose hold ended, before the sweeper has released it. */
function holdLapsed(view: View, now: Date): boolean {
  const expiresAt = view.payment?.expiresAt;
  return !!expiresAt && expiresAt.getTime() <= now.getTime();
}

function paymentStatusText(status: string): string {
  if (status === 'paid') return 'paid';
  if (status === 'awaiting_payment') return 'awaiting payment';
  return 'not paid';
}

/** Where, as the service reveals it: the link or address once confirmed, a label before. */
function whereHtml(status: string, location: View['workshop']['location']): string {
  if (!location.value) return '';
  if (status !== 'accepted') return escapeHtml(location.value);
  const label = LOCATION_LABELS[location.type as LocationType] ?? 'Online';
  if (location.type === 'in_person') return `${label}: ${multiline(location.value)}`;
  const url = webUrl(location.value);
  return url
    ? `${label}: <a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`
    : `${label}: ${escapeHtml(location.value)}`;
}

function policyHtml(view: View, price: string | null, at: (date: Date) => string): string {
  const { tenant, cancellation } = view;
  const { deadline, refundDeadline, policy } = cancellation;
  const notice =
    policy.cancellationNoticeHours === 0
      ? 'until the session starts'
      : `until ${hours(policy.cancellationNoticeHours)} before the start`;
  const lines = [
    cancellation.allowed
      ? `You can cancel online ${notice}: by ${at(deadline)}.`
      : `Bookings can be cancelled online ${notice}, so online cancellation closed at ${at(deadline)}. If you cannot attend, please contact ${escapeHtml(tenant.name)}.`,
  ];
  if (price) {
    lines.push(
      refundDeadline.getTime() >= deadline.getTime()
        ? `A booking cancelled online is refunded in full (${escapeHtml(price)}).`
        : `Cancellations by ${at(refundDeadline)} (${hours(policy.refundWindowHours)} before the start) are refunded in full (${escapeHtml(price)}); later ones are not refunded.`,
    );
  }
  return lines.map((line) => `<p>${line}</p>`).join('');
}

/** What cancelling now would mean for the money, said before the student confirms. */
function cancelOutcomeText(view: View, at: (date: Date) => string): string {
  const { payment, cancellation } = view;
  if (!payment) return 'This booking is free: there was no payment, so there is nothing to refund.';
  const amount = escapeHtml(formatMoney(payment.amount, payment.currency));
  if (cancellation.refundEligible) {
    const refund = escapeHtml(formatMoney(cancellation.refundAmount, payment.currency));
    return `If you cancel now, you will get a full refund of ${refund} to your original payment method.`;
  }
  if (payment.status === 'paid') {
    return `The refund deadline (${at(cancellation.refundDeadline)}) has passed: if you cancel now, the ${amount} you paid will not be refunded.`;
  }
  return "You haven't paid, so there is nothing to refund: cancelling releases your seat.";
}

/** The refund outcome after the student's own cancellation (passed on by its redirect). */
function cancelledRefundText(view: View, refund: RefundShown | undefined): string {
  const { payment, tenant } = view;
  if (!payment) return 'It was free, so there is nothing to refund.';
  const amount = escapeHtml(formatMoney(payment.amount, payment.currency));
  const bank = 'Depending on your bank, it can take 5–10 business days to show on your statement.';
  switch (refund) {
    case 'completed':
      return `We have refunded ${amount} to your original payment method. ${bank}`;
    case 'pending':
      return `We have started a refund of ${amount} to your original payment method. ${bank}`;
    case 'failed':
      return `Your refund of ${amount} could not be processed automatically; ${escapeHtml(tenant.name)} has been told and will make sure you get your money back.`;
    case 'none':
      return payment.status === 'paid'
        ? `It was cancelled after the refund deadline, so the ${amount} you paid is not refunded.`
        : 'No payment was taken, so there is nothing to refund.';
    default:
      return '';
  }
}

function time(date: Date, text: string): string {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(text)}</time>`;
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}
