import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import type { TenantFixture, TestApp } from './app.ts';
import {
  book,
  bookingRequest,
  createWorkshop,
  getJson,
  manageParts,
  outboxSettled,
  postJson,
  waitFor,
} from './bookings.ts';

// The waitlist's test helpers: a full session, joining its line, and reading entries as stored.

export type Workshop = Awaited<ReturnType<typeof createWorkshop>>;

/** A single-session workshop with every seat booked (free unless `overrides` says otherwise). */
export async function fullWorkshop(
  app: TestApp,
  t: TenantFixture,
  seats: number,
  overrides: Record<string, unknown> = {},
) {
  const w = await createWorkshop(t, { seats, recurrence: { frequency: 'none' }, ...overrides });
  const bookings: Array<{ uid: string; token: string; email: string }> = [];
  for (let i = 0; i < seats; i++) {
    const email = `seated${i}-${w.id}@example.test`;
    const res = await book(app, bookingRequest(t, w, email));
    if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
    bookings.push({ ...manageParts(res.body.manageUrl), email });
  }
  return { w, session: w.sessions[0]!, bookings };
}

export function joinRequest(t: TenantFixture, w: Workshop, email: string, name = 'Wanda Waiting') {
  return {
    tenantSlug: t.slug,
    workshopSlug: w.slug,
    startTime: w.sessions[0]!.startTime.toISOString(),
    attendee: { name, email, timeZone: 'Europe/Lisbon' },
  };
}

export function join(app: TestApp, t: TenantFixture, w: Workshop, email: string) {
  return postJson(app, '/api/v1/public/waitlist', joinRequest(t, w, email));
}

/** Joins and returns `{uid, token}` of the entry (fails the test on anything but 201). */
export async function joined(app: TestApp, t: TenantFixture, w: Workshop, email: string) {
  const res = await join(app, t, w, email);
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  const url = new URL(res.body.manageUrl);
  return { uid: res.body.entry.uid as string, token: url.searchParams.get('token')!, email, body: res.body };
}

export function entryAnswer(app: TestApp, entry: { uid: string; token: string }) {
  return getJson(app, `/api/v1/public/waitlist/${entry.uid}?token=${encodeURIComponent(entry.token)}`);
}

export function claim(app: TestApp, entry: { uid: string; token: string }) {
  return postJson(app, `/api/v1/public/waitlist/${entry.uid}/claim`, { token: entry.token });
}

export function leave(app: TestApp, entry: { uid: string; token: string }) {
  return postJson(app, `/api/v1/public/waitlist/${entry.uid}/leave`, { token: entry.token });
}

export interface EntryDbRow {
  id: number;
  uid: string;
  email: string;
  status: string;
  position: number;
  bookingId: number | null;
  offeredBy: string | null;
  offerExpiresAt: Date | null;
}

/** A session's entries as stored, in line order. */
export async function entriesOf(app: TestApp, sessionId: number): Promise<EntryDbRow[]> {
  const rows = await queryRows<EntryDbRow & { offerExpiresAt: Date | string | null }>(
    app.database.db,
    sql`select id, uid, email, status, position::float8 as position, booking_id as "bookingId",
               offered_by as "offeredBy", offer_expires_at as "offerExpiresAt"
        from waitlist_entries where session_id = ${sessionId} order by position`,
  );
  return rows.map((r) => ({
    ...r,
    offerExpiresAt: r.offerExpiresAt === null ? null : new Date(r.offerExpiresAt),
  }));
}

export async function entryByUid(app: TestApp, sessionId: number, uid: string) {
  return (await entriesOf(app, sessionId)).find((e) => e.uid === uid)!;
}

/** Waits until the outbox ran what the change queued (offers are outbox jobs) and returns the line. */
export async function settledLine(app: TestApp, tenantId: number, sessionId: number) {
  await outboxSettled(app, tenantId);
  // An offer's job may queue its e-mail after the check above saw the job itself done.
  await outboxSettled(app, tenantId);
  return entriesOf(app, sessionId);
}

/** Waits for `uid` to reach `status` (an offer made by the outbox worker). */
export async function waitForStatus(app: TestApp, sessionId: number, uid: string, status: string) {
  return waitFor(
    async () => {
      const entry = await entryByUid(app, sessionId, uid);
      return entry.status === status ? entry : undefined;
    },
    { what: `waitlist entry ${uid} to be ${status}` },
  );
}
