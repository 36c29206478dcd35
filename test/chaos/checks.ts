import pg from 'pg';
import type { Outcome } from './burst.ts';
import type { Received } from './receiver.ts';

// What must hold after the burst, whatever failed during it, read straight from the database.

export interface Figures {
  sessions: number;
  oversold: number;
  seatCountMismatches: number;
  answered201: number;
  answered201WithoutRow: number;
  cancelled200: number;
  cancelled200NotCancelled: number;
  bookingRows: number;
  /** Bookings committed whose answer was lost (an instance killed, a connection cut): allowed. */
  bookedWithoutAnswer: number;
  bookingsWithoutCreatedEvent: number;
  cancellationsWithoutEvent: number;
  webhookEvents: number;
  webhookUndelivered: number;
  webhookIdsReceived: number;
  webhookIdsMissing: number;
  webhookIdsUnknown: number;
  webhookRedeliveries: number;
}

export async function readFigures(
  databaseUrl: string,
  tenantId: number,
  created: Set<string>,
  cancelled: Set<string>,
  deliveries: Received[],
): Promise<Figures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (text: string, values: unknown[] = [tenantId]) =>
      Number((await client.query<{ n: string }>(text, values)).rows[0]!.n);
    const uids = [...created];
    const webhookIds = (
      await client.query<{ id: string; status: string }>(
        `select id::text, status::text from outbox where tenant_id = $1 and kind = 'webhook'`,
        [tenantId],
      )
    ).rows;
    const expected = new Set(webhookIds.map((row) => `msg_${row.id}`));
    const seen = new Map<string, number>();
    for (const d of deliveries) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
    return {
      sessions: await one('select count(*) as n from workshop_sessions where tenant_id = $1'),
      oversold: await one(
        'select count(*) as n from workshop_sessions where tenant_id = $1 and booked_seats > seats',
      ),
      seatCountMismatches: await one(
        `select count(*) as n from workshop_sessions s where s.tenant_id = $1 and s.booked_seats <> (
           select count(*) from bookings b where b.session_id = s.id and b.status in ('pending', 'accepted'))`,
      ),
      answered201: uids.length,
      answered201WithoutRow: await one(
        'select count(*) as n from unnest($2::text[]) u where not exists (select 1 from bookings b where b.tenant_id = $1 and b.uid = u)',
        [tenantId, uids],
      ),
      cancelled200: cancelled.size,
      cancelled200NotCancelled: await one(
        `select count(*) as n from unnest($2::text[]) u where not exists (
           select 1 from bookings b where b.tenant_id = $1 and b.uid = u and b.status = 'cancelled')`,
        [tenantId, [...cancelled]],
      ),
      bookingRows: await one('select count(*) as n from bookings where tenant_id = $1'),
      bookedWithoutAnswer: await one(
        'select count(*) as n from bookings b where b.tenant_id = $1 and not (b.uid = any($2::text[]))',
        [tenantId, uids],
      ),
      bookingsWithoutCreatedEvent: await one(
        `select count(*) as n from bookings b where b.tenant_id = $1 and not exists (
           select 1 from outbox o where o.tenant_id = $1 and o.kind = 'webhook'
             and o.payload->>'event' = 'BOOKING_CREATED' and o.payload->'data'->'booking'->>'uid' = b.uid)`,
      ),
      cancellationsWithoutEvent: await one(
        `select count(*) as n from bookings b where b.tenant_id = $1 and b.status = 'cancelled' and not exists (
           select 1 from outbox o where o.tenant_id = $1 and o.kind = 'webhook'
             and o.payload->>'event' = 'BOOKING_CANCELLED' and o.payload->'data'->'booking'->>'uid' = b.uid)`,
      ),
      webhookEvents: webhookIds.length,
      webhookUndelivered: webhookIds.filter((row) => row.status !== 'delivered').length,
      webhookIdsReceived: seen.size,
      webhookIdsMissing: [...expected].filter((id) => !seen.has(id)).length,
      webhookIdsUnknown: [...seen.keys()].filter((id) => !expected.has(id)).length,
      webhookRedeliveries: [...seen.values()].reduce((sum, n) => sum + n - 1, 0),
    };
  } finally {
    await client.end();
  }
}

export interface Window {
  name: string;
  from: number;
  to: number;
}

/** Answers by kind and status, and the 500s outside the database's outage (there must be none). */
export function summariseOutcomes(outcomes: Outcome[], outage: Window) {
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.kind} ${o.status === 0 ? 'no answer' : o.status}${o.code ? ` ${o.code}` : ''}`;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  // A request waiting for a pooled connection when the database stopped fails with it, even if
  // it was sent a moment before: what counts is whether it was in flight during the outage.
  const during = (o: Outcome) => o.at <= outage.to && o.done >= outage.from;
  const outside = outcomes.filter((o) => o.status >= 500 && !during(o));
  const relative = (t: number) => t - outage.from;
  return {
    requests: outcomes.length,
    byStatus,
    serverErrorsOutsideOutage: outside.length,
    /** The first few, timed from the outage's start, for the post-mortem. */
    serverErrorSamples: [...outside, ...outcomes.filter((o) => o.status === 500)].slice(0, 10).map((o) => ({
      ...o,
      sentMs: relative(o.at),
      answeredMs: relative(o.done),
      outageMs: relative(outage.to),
    })),
    status500: outcomes.filter((o) => o.status === 500).length,
    status503DuringOutage: outcomes.filter((o) => o.status === 503 && during(o)).length,
  };
}
