import { z } from 'zod';
import { exportQuery } from '../../modules/bookings/bookings-export.schema.ts';
import { calendarFeedParams } from '../../modules/bookings/feeds/calendar-feed.schema.ts';
import { liveness, notReady, readiness } from '../../modules/health/health.schema.ts';
import { immersioWebhookResponse, ssoCallbackResponse } from '../../modules/immersio/sso.response.schema.ts';
import { callbackBody, returnQuery, startQuery } from '../../modules/immersio/sso.schema.ts';
import { tlsAskQuery } from '../../modules/landing/custom-domain/tls-ask.schema.ts';
import {
  passesOnSaleResponse,
  passPurchaseResponse,
  studentPassResponse,
} from '../../modules/passes/passes.response.schema.ts';
import {
  passesQuery,
  passParams,
  purchaseBody,
  studentPassParams,
  tokenQuery,
} from '../../modules/passes/passes.schema.ts';
import {
  publicLanding,
  publicLandingParams,
  publicSlots,
  publicSlotsQuery,
  publicWorkshop,
  publicWorkshopParams,
  publicWorkshopQuery,
} from '../../modules/public/public.schemas.ts';
import { inviteAccepted, inviteDescription } from '../../modules/tenants/invites.response.schema.ts';
import { acceptBody, tokenParams } from '../../modules/tenants/invites.schema.ts';
import { BOOKING_ROUTES } from './registry-bookings.ts';
import type { RouteDoc } from './route-doc.ts';

// Every REST route the service serves, in one list: the OpenAPI document is built from it and the
// drift test checks it against Fastify's own route table both ways. The schemas are the ones the
// routes parse with (requests) and the ones their answers are checked against (responses).

const PUBLIC = ['RATE_LIMITED', 'VALIDATION_ERROR', 'INTERNAL_ERROR'] as const;
const ok = (schema: z.ZodType, description = 'OK') => ({ 200: { description, schema } });
const created = (schema: z.ZodType) => ({ 201: { description: 'Created', schema } });
const notModified = { 304: { description: 'Not modified (the `ETag` matched `If-None-Match`)' } };
const uploadName = z.object({ name: z.string().regex(/^[a-f0-9]+\.(png|jpg|webp|gif)$/) });
const widthQuery = z.object({
  w: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/)
    .optional(),
});

export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Documentation',
    summary: 'This OpenAPI 3.1 document (a browsable page is at /api/docs)',
    responses: ok(z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) })),
    errors: [],
  },
  // Health
  {
    method: 'get',
    path: '/api/health',
    tag: 'Health',
    summary: 'Liveness: the process answers',
    responses: ok(liveness),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/ready',
    tag: 'Health',
    summary: 'Readiness: database reachable and migrated (Redis away is `degraded`, still ready)',
    responses: { ...ok(readiness), 503: { description: 'Not ready', schema: notReady } },
    errors: [],
  },
  // Public catalogue (spec 2.1)
  {
    method: 'get',
    path: '/api/v1/public/landing/:slug',
    tag: 'Public catalogue',
    summary: "A school's landing page data",
    params: publicLandingParams,
    responses: { ...ok(publicLanding), ...notModified },
    errors: [...PUBLIC, 'TENANT_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/public/workshops/:slug',
    tag: 'Public catalogue',
    summary: 'One workshop on offer',
    params: publicWorkshopParams,
    query: publicWorkshopQuery,
    responses: { ...ok(publicWorkshop), ...notModified },
    errors: [...PUBLIC, 'TENANT_NOT_FOUND', 'WORKSHOP_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/public/workshops/:slug/slots',
    tag: 'Public catalogue',
    summary: "A slot-booked workshop's bookable times",
    params: publicWorkshopParams,
    query: publicSlotsQuery,
    responses: { ...ok(publicSlots), ...notModified },
    errors: [...PUBLIC, 'TENANT_NOT_FOUND', 'WORKSHOP_NOT_FOUND'],
  },
  ...BOOKING_ROUTES,
  // Class passes
  {
    method: 'get',
    path: '/api/v1/public/passes',
    tag: 'Class passes',
    summary: "A school's class passes on sale",
    query: passesQuery,
    responses: ok(passesOnSaleResponse),
    errors: [...PUBLIC, 'TENANT_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/public/passes/:id/purchase',
    tag: 'Class passes',
    summary: 'Buy a class pass (Stripe Checkout)',
    params: passParams,
    body: purchaseBody,
    responses: created(passPurchaseResponse),
    errors: [...PUBLIC, 'NOT_FOUND', 'STRIPE_NOT_CONFIGURED', 'PAYMENT_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'get',
    path: '/api/v1/public/student-passes/:uid',
    tag: 'Class passes',
    summary: "A bought pass's balance and history, by its manage link",
    params: studentPassParams,
    query: tokenQuery,
    responses: ok(studentPassResponse),
    errors: [...PUBLIC, 'NOT_FOUND'],
  },
  // Invites
  {
    method: 'get',
    path: '/api/v1/invites/:token',
    tag: 'Invites',
    summary: 'What an invite is for',
    params: tokenParams,
    responses: ok(inviteDescription),
    errors: [...PUBLIC, 'NOT_FOUND', 'GONE'],
  },
  {
    method: 'post',
    path: '/api/v1/invites/:token/accept',
    tag: 'Invites',
    summary: 'Accept an invite: creates or joins the account and signs in (sets the session cookie)',
    params: tokenParams,
    body: acceptBody,
    responses: ok(inviteAccepted),
    errors: [...PUBLIC, 'NOT_FOUND', 'GONE', 'CONFLICT', 'FORBIDDEN'],
  },
  // Sign in with Immersio (spec 2.3, 6)
  {
    method: 'post',
    path: '/api/v1/oauth/immersio/callback',
    tag: 'Sign in with Immersio',
    summary: 'Exchange an Immersio token for a session (sets the session cookie)',
    body: callbackBody,
    responses: ok(ssoCallbackResponse),
    errors: [...PUBLIC, 'INVALID_TOKEN', 'FORBIDDEN', 'TENANT_NOT_FOUND', 'IMMERSIO_NOT_CONNECTED'],
  },
  {
    method: 'get',
    path: '/api/v1/oauth/immersio/start',
    tag: 'Sign in with Immersio',
    summary: 'Start the browser round trip to Immersio (302 to Immersio)',
    query: startQuery,
    responses: { 302: { description: 'Redirect to Immersio' } },
    errors: [...PUBLIC, 'TENANT_NOT_FOUND', 'IMMERSIO_NOT_CONNECTED'],
  },
  {
    method: 'get',
    path: '/api/v1/oauth/immersio/return',
    tag: 'Sign in with Immersio',
    summary: 'Back from Immersio: 303 to the booking page, or a small HTML page when refused',
    query: returnQuery,
    responses: {
      303: { description: 'Signed in: redirect back to the booking page' },
      401: { description: 'Refused (HTML page)', contentType: 'text/html' },
      403: { description: 'Refused (HTML page)', contentType: 'text/html' },
    },
    errors: ['RATE_LIMITED', 'INTERNAL_ERROR'],
  },
  // Staff
  {
    method: 'get',
    path: '/api/v1/staff/bookings.csv',
    tag: 'Staff',
    summary: 'Export the filtered booking list, or one session roster, as CSV',
    auth: 'session',
    query: exportQuery,
    responses: { 200: { description: 'CSV file', contentType: 'text/csv' } },
    errors: [...PUBLIC, 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/domains/tls-ask',
    tag: 'Health',
    summary:
      'Whether a host is a verified school domain (the reverse proxy asks before issuing a certificate)',
    query: tlsAskQuery,
    responses: ok(z.object({ domain: z.string(), verified: z.literal(true) })),
    errors: [...PUBLIC, 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/calendar/:file',
    tag: 'Staff',
    summary: 'A teacher’s (or the school’s) private iCalendar feed: `{token}.ics`',
    description:
      'The token comes from `immersio.calendar.getFeedUrl`; it is the only credential. Sessions of the last 30 days and the next year, cancelled ones as STATUS:CANCELLED; stable UIDs, SEQUENCE bumped on every move or cancellation. A token that is unknown or reset is 404.',
    params: calendarFeedParams,
    responses: {
      200: { description: 'The feed', contentType: 'text/calendar' },
      ...notModified,
    },
    errors: [...PUBLIC, 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/staff/landing/preview',
    tag: 'Staff',
    summary: 'Render a draft landing page for the staff app preview frame (HTML)',
    auth: 'session',
    rawBody: {
      contentType: 'application/x-www-form-urlencoded',
      description: 'A form field `draft` with the landing settings as JSON (or the same JSON body)',
    },
    responses: { 200: { description: 'The rendered page', contentType: 'text/html' } },
    errors: [...PUBLIC, 'UNAUTHORIZED', 'FORBIDDEN'],
  },
  // Webhooks
  {
    method: 'post',
    path: '/api/v1/webhooks/stripe',
    tag: 'Webhooks',
    summary: 'Stripe events (signed with `Stripe-Signature`; bad signature: 400)',
    rawBody: { contentType: 'application/json', description: 'The Stripe event, verified byte for byte' },
    responses: ok(z.strictObject({ received: z.literal(true) })),
    errors: ['INVALID_WEBHOOK_SIGNATURE', 'RATE_LIMITED', 'INTERNAL_ERROR'],
  },
  {
    method: 'post',
    path: '/api/v1/webhooks/immersio',
    tag: 'Webhooks',
    summary: 'Immersio events (spec 2.2; `X-Webhook-Signature`, `X-Webhook-Timestamp`)',
    rawBody: { contentType: 'application/json', description: 'The Immersio event, verified byte for byte' },
    responses: ok(immersioWebhookResponse),
    errors: ['INVALID_WEBHOOK_SIGNATURE', 'VALIDATION_ERROR', 'RATE_LIMITED', 'INTERNAL_ERROR'],
  },
  // Uploads
  {
    method: 'get',
    path: '/uploads/:name',
    tag: 'Uploads',
    summary: 'An uploaded image by content-hash name (`?w=` for a narrower copy)',
    params: uploadName,
    query: widthQuery,
    responses: {
      200: { description: 'The image', contentType: 'image/*' },
      ...notModified,
    },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  },
];
