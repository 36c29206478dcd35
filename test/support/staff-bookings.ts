import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import type { TenantFixture, TestApp } from './app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  DAY,
  manageParts,
  ownHours,
} from './bookings.ts';

// The staff booking screens' fixtures: a school that takes payments through the Stripe emulator,
// holds and paid bookings, bulk rows for the export, and the CSV route read back.

export function emulatorOf(app: TestApp): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}

/** Connects the tenant to a fresh emulator account, so paid workshops can be booked. */
export async function connectStripe(t: TenantFixture): Promise<void> {
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: `acct_${randomBytes(8).toString('hex')}`,
    stripePublishableKey: 'pk_test_emulator0123',
  });
}

/** A one-session workshop starting on a whole minute `days` from now (paid unless `price: 0`). */
export function oneSessionWorkshop(t: TenantFixture, overrides: Record<string, unknown> = {}) {
  return createWorkshop(t, {
    price: 2500,
    currency: 'EUR',
    seats: 10,
    startTime: new Date(Math.ceil((Date.now() + 5 * DAY) / 60_000) * 60_000 + ownHours()),
    recurrence: { frequency: 'none' },
    ...overrides,
  });
}

type Workshop = Awaited<ReturnType<typeof oneSessionWorkshop>>;

/** A booking through the public API: accepted when free, a pending hold at checkout when paid. */
export async function bookSeat(app: TestApp, t: TenantFixture, w: Workshop, email: string, name?: string) {
  const res = await book(
    app,
    bookingRequest(t, w, email, name ? { attendee: { name, email, timeZone: 'Asia/Tokyo' } } : {}),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const row = await bookingByUid(app, res.body.booking.uid);
  return { ...row, ...manageParts(res.body.manageUrl) };
}

/** A booking paid at the emulator: accepted and paid. */
export async function paidSeat(app: TestApp, t: TenantFixture, w: Workshop, email: string, name?: string) {
  const held = await bookSeat(app, t, w, email, name);
  const result = await emulatorOf(app).pay(held.stripeCheckoutSessionId!);
  expect(result.deliveries.map((d) => d.status)).toEqual([200]);
  return bookingByUid(app, held.uid);
}

/**
 * `count` accepted free bookings of one session written straight into the database (the export's
 * batches need more rows than a session has seats); names are `Bulk 0001`….
 */
export async function insertBulkBookings(
  app: TestApp,
  s: { tenantId: number; workshopId: number; sessionId: number; startTime: Date; endTime: Date },
  count: number,
) {
  await app.database.db.execute(
    sql`insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time, status,
          attendee_email, attendee_name, attendee_time_zone, registration_source)
        select 'booking_bulk_' || ${s.sessionId}::int || '_' || g, ${s.tenantId}::int, ${s.workshopId}::int,
               ${s.sessionId}::int, 'Bulk', ${s.startTime}, ${s.endTime}, 'accepted',
               'bulk' || g || '@example.test', 'Bulk ' || lpad(g::text, 4, '0'), 'UTC', 'import'
        from generate_series(1, ${count}::int) g`,
  );
}

export interface CsvResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed rows (header first), when the answer is a CSV. */
  rows: string[][];
  /** The JSON error body otherwise. */
  error: { code?: string; error?: string } | undefined;
}

/** `GET /api/v1/staff/bookings.csv` with a bearer token or a cookie header. */
export async function getCsv(
  app: TestApp,
  query: Record<string, string | number | undefined>,
  auth: { token?: string; cookie?: string } = {},
): Promise<CsvResponse> {
  const params = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${app.baseUrl}/api/v1/staff/bookings.csv?${params}`, { headers });
  // Decoded keeping a byte-order mark, which `response.text()` would drop.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  const isCsv = response.headers.get('content-type')?.startsWith('text/csv') ?? false;
  return {
    status: response.status,
    headers: response.headers,
    text,
    rows: isCsv ? Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data : [],
    error: isCsv || !text ? undefined : (JSON.parse(text) as CsvResponse['error']),
  };
}

/** The CSV's rows as objects keyed by its header. */
export function csvRecords(rows: string[][]): Record<string, string>[] {
  const [header, ...body] = rows;
  return body.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}
