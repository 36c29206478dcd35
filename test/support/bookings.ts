import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import type { TenantFixture, TestApp } from './app.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

// A teacher is never in two booked classes at once (migration 0012), so each workshop a test makes
// gets its own hours unless the test gives a start time.
let workshopsMade = 0;

/** Each test file starts at the first stretch again (test/support/per-file.ts). */
export function resetOwnHours(): void {
  workshopsMade = 0;
}

/** A later two-hour stretch on every call: add it to a test's start time to keep classes apart. */
export function ownHours(): number {
  return workshopsMade++ * 2 * HOUR;
}

/** An active workshop with sessions, created through the API. */
export async function createWorkshop(
  t: TenantFixture,
  overrides: Record<string, unknown> & { startTime?: Date } = {},
) {
  const created = await t.owner.client.immersio.workshop.create.mutate({
    title: 'Evening Spanish',
    description: 'Conversation practice',
    duration: 60,
    price: 0,
    currency: 'USD',
    seats: 8,
    locations: [{ type: 'zoom', link: 'https://zoom.us/j/999-secret' }],
    teacherId: t.owner.id,
    startTime: new Date(Date.now() + 3 * DAY + ownHours()),
    timeZone: 'Europe/Berlin',
    recurrence: { frequency: 'weekly', count: 2 },
    ...overrides,
  } as Parameters<typeof t.owner.client.immersio.workshop.create.mutate>[0]);
  const full = await t.owner.client.immersio.workshop.get.query({ workshopId: created.id });
  return { ...created, sessions: full.sessions };
}

export interface BookingRequest {
  tenantSlug: string;
  workshopSlug: string;
  startTime: string;
  attendee: { name: string; email: string; timeZone: string };
  immersioStudentId?: string;
}

export function bookingRequest(
  t: TenantFixture,
  workshop: { slug: string; sessions: Array<{ startTime: Date }> },
  email: string,
  overrides: Partial<BookingRequest> = {},
): BookingRequest {
  return {
    tenantSlug: t.slug,
    workshopSlug: workshop.slug,
    startTime: workshop.sessions[0]!.startTime.toISOString(),
    attendee: { name: 'Ana Student', email, timeZone: 'America/New_York' },
    ...overrides,
  };
}

export async function postJson(app: TestApp, path: string, body: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  const parsed = (text ? JSON.parse(text) : undefined) as any;
  await checkAgainstOpenApi('POST', path, response.status, parsed);
  return { status: response.status, body: parsed, response };
}

export async function getJson(app: TestApp, path: string) {
  const response = await fetch(`${app.baseUrl}${path}`);
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  const parsed = (text ? JSON.parse(text) : undefined) as any;
  await checkAgainstOpenApi('GET', path, response.status, parsed);
  return { status: response.status, body: parsed, response };
}

/**
 * With OPENAPI_VALIDATE=1, every answer of a documented route is also checked against the OpenAPI
 * document (docs/api.md); loaded only then, so ordinary runs pay nothing.
 */
async function checkAgainstOpenApi(method: string, path: string, status: number, body: unknown) {
  if (!process.env.OPENAPI_VALIDATE) return;
  const { assertDocumentedIfListed } = await import('./openapi.ts');
  assertDocumentedIfListed(method, path, status, body);
}

export function book(app: TestApp, request: BookingRequest) {
  return postJson(app, '/api/v1/public/bookings', request);
}

/** `{uid, token}` from a manage URL. */
export function manageParts(manageUrl: string) {
  const url = new URL(manageUrl);
  return { uid: url.pathname.split('/').pop()!, token: url.searchParams.get('token')! };
}

/** Outbox messages of a tenant, oldest first. */
export async function outboxOf(app: TestApp, tenantId: number, kind?: string) {
  return queryRows<{ id: number; kind: string; payload: Record<string, unknown>; status: string }>(
    app.database.db,
    sql`select id, kind, payload, status from outbox where tenant_id = ${tenantId}
        ${kind ? sql`and kind = ${kind}` : sql``} order by id`,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: payloads are compared to the spec's JSON
type Json = any;

/** Webhook events of a tenant by event name. */
export async function eventsOf(app: TestApp, tenantId: number, event: string): Promise<Json[]> {
  const messages = await outboxOf(app, tenantId, 'webhook');
  return messages.map((m) => m.payload as Json).filter((p) => p.event === event);
}

/** The session's counter and what it counts, to check they agree and never exceed the seats. */
export async function seatState(app: TestApp, sessionId: number) {
  const [row] = await queryRows<{ seats: number; booked: number; live: number }>(
    app.database.db,
    sql`select s.seats, s.booked_seats as booked,
               (select count(*)::int from bookings b where b.session_id = s.id and b.status in ('pending', 'accepted')) as live
        from workshop_sessions s where s.id = ${sessionId}`,
  );
  return row!;
}

/**
 * Polls `check` until it returns something other than false/null/undefined and returns that;
 * fails naming `what` after `timeoutMs`. For effects of the outbox worker and webhooks.
 */
export async function waitFor<T>(
  check: () => Promise<T | false | null | undefined> | T | false | null | undefined,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 25, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface BookingDbRow {
  id: number;
  uid: string;
  tenantId: number;
  sessionId: number | null;
  status: string;
  paid: boolean;
  stripeCheckoutSessionId: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
}

/** The booking row by its public uid (ids for the staff procedures, the checkout session id). */
export async function bookingByUid(app: TestApp, uid: string): Promise<BookingDbRow> {
  const [row] = await queryRows<BookingDbRow>(
    app.database.db,
    sql`select id, uid, tenant_id as "tenantId", session_id as "sessionId", status, paid,
               stripe_checkout_session_id as "stripeCheckoutSessionId", cancelled_by as "cancelledBy",
               cancellation_reason as "cancellationReason"
        from bookings where uid = ${uid}`,
  );
  if (!row) throw new Error(`no booking ${uid}`);
  return row;
}

/** The payment rows of a booking, oldest first. */
export async function paymentsOf(app: TestApp, bookingId: number) {
  return queryRows<{
    id: number;
    amountCents: number;
    feeCents: number;
    refundedCents: number;
    currency: string;
    status: string;
    stripeCheckoutSessionId: string | null;
    stripePaymentId: string | null;
    stripeCustomerId: string | null;
    stripeAccountId: string | null;
  }>(
    app.database.db,
    sql`select id, amount_cents as "amountCents", fee_cents as "feeCents", refunded_cents as "refundedCents",
               currency, status, stripe_checkout_session_id as "stripeCheckoutSessionId",
               stripe_payment_id as "stripePaymentId", stripe_customer_id as "stripeCustomerId",
               stripe_account_id as "stripeAccountId"
        from payments where booking_id = ${bookingId} order by id`,
  );
}

/** The refund rows of a booking, oldest first. */
export async function refundsOf(app: TestApp, bookingId: number) {
  return queryRows<{
    id: number;
    amountCents: number;
    currency: string;
    status: string;
    reason: string;
    stripeRefundId: string | null;
    attempts: number;
  }>(
    app.database.db,
    sql`select id, amount_cents as "amountCents", currency, status, reason,
               stripe_refund_id as "stripeRefundId", attempts
        from refunds where booking_id = ${bookingId} order by id`,
  );
}

/**
 * Waits until the outbox has run every message of the tenant that is due (delivered, dead, or
 * failed and scheduled for later), e.g. before counting the e-mails a change sent.
 */
export async function outboxSettled(app: TestApp, tenantId: number, timeoutMs = 10_000) {
  await waitFor(
    async () => {
      const [row] = await queryRows<{ n: number }>(
        app.database.db,
        sql`select count(*)::int as n from outbox
            where tenant_id = ${tenantId} and status = 'pending' and next_attempt_at <= now()`,
      );
      return row?.n === 0;
    },
    { timeoutMs, what: `the outbox of tenant ${tenantId} to settle` },
  );
}
